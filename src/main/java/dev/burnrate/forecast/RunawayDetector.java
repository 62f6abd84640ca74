package dev.burnrate.forecast;

import static dev.burnrate.forecast.Stats.MC;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * Flags spend that suddenly runs far above its own normal for that time of day and week: a retry loop, a
 * leaked key, a viral feature. Reads hourly spend; plain Java.
 * <p>
 * An hour is <em>running away</em> when its spend is at least 4 times its baseline and exceeds it by more than
 * both four robust standard deviations of that baseline and half the mean hourly spend of the past week (so a
 * quiet night hour that goes from 5 cents to 50 cents is not a runaway). Two hours in a row, each at least 1.5 times
 * its baseline and above those floors, together at least 2.5 times, also count: that catches a loop that started
 * late in an hour by the second check, while a lone busy hour (a demo, an eval run) stays quiet. The baseline is the median of the same hour of the week over the past four weeks
 * when two or more are known; otherwise the largest of the same hour on the past seven days (cautious, so a
 * Monday morning after a quiet weekend is not a runaway); with less than three days of history it does not
 * judge.
 */
public final class RunawayDetector {

    static final BigDecimal MULTIPLE = new BigDecimal("4");
    static final BigDecimal PAIR_EACH = new BigDecimal("1.5");
    static final BigDecimal PAIR_TOTAL = new BigDecimal("2.5");
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration WEEK = Duration.ofDays(7);
    /** How far back the start of a newly found runaway is looked for; an open episode is state, not re-derived. */
    private static final int MAX_START_HOURS = 72;
    /** Slots of a frozen baseline: one per hour of the week. */
    public static final int WEEK_HOURS = 168;
    /** Quiet hours inside one episode: a loop that pauses for an hour is still the same runaway. */
    private static final int EPISODE_GAP_HOURS = 2;

    /**
     * What the detector says about the last complete hour before {@code asOf}.
     *
     * @param startedAt the first hour of the current episode (runaway hours with at most two quiet hours between)
     * @param hourUsd   spend in the last complete hour
     * @param baselineUsd what that hour normally costs
     */
    public record Finding(Instant startedAt, BigDecimal hourUsd, BigDecimal baselineUsd) {
    }

    /**
     * @param hourly spend per hour, keyed by the hour's start (UTC); missing hours after the first are zero
     * @param asOf   hours that end after this instant are not looked at
     * @return a finding when the last complete hour is running away
     */
    public Optional<Finding> evaluate(NavigableMap<Instant, BigDecimal> hourly, Instant asOf) {
        if (hourly.isEmpty()) {
            return Optional.empty();
        }
        Instant last = asOf.truncatedTo(ChronoUnit.HOURS).minus(HOUR);
        Optional<Judgement> now = judge(hourly, last);
        if (now.isEmpty() || !now.get().runaway) {
            return Optional.empty();
        }
        Instant start = last;
        int quiet = 0;
        for (int back = 1; back < MAX_START_HOURS && quiet <= EPISODE_GAP_HOURS; back++) {
            Instant earlier = last.minus(HOUR.multipliedBy(back));
            Optional<Judgement> before = judge(hourly, earlier);
            if (before.isPresent() && before.get().runaway) {
                start = earlier;
                quiet = 0;
            } else {
                quiet++;
            }
        }
        return Optional.of(new Finding(start, now.get().usd, now.get().baseline));
    }

    /**
     * What each hour of the week normally costs, as known just before {@code start}: slot {@code i} is the hour
     * {@code start + i} hours (modulo a week). A runaway episode judges its hours against this, so the runaway never
     * becomes its own normal however long it lasts. A slot without enough history takes the median of the known
     * slots.
     *
     * @param baselineUsd   the usual spend of each slot
     * @param minimumExcessUsd how far above it an hour must be before it counts as raised (the detector's floors)
     */
    public record Profile(List<BigDecimal> baselineUsd, List<BigDecimal> minimumExcessUsd) {

        public Profile {
            baselineUsd = List.copyOf(baselineUsd);
            minimumExcessUsd = List.copyOf(minimumExcessUsd);
            if (baselineUsd.size() != WEEK_HOURS || minimumExcessUsd.size() != WEEK_HOURS) {
                throw new IllegalArgumentException("a profile has " + WEEK_HOURS + " hourly slots, got "
                        + baselineUsd.size() + " and " + minimumExcessUsd.size());
            }
        }

        /** The slot of {@code hour} in an episode that began at {@code start}. */
        public static int slot(Instant start, Instant hour) {
            return (int) Math.floorMod(Duration.between(start, hour).toHours(), (long) WEEK_HOURS);
        }
    }

    /** The baselines of the week from {@code start} on, from the hours before {@code start} only. */
    public Profile profile(NavigableMap<Instant, BigDecimal> hourly, Instant start) {
        NavigableMap<Instant, BigDecimal> before = hourly.headMap(start, false);
        List<BigDecimal> baselines = new ArrayList<>();
        List<BigDecimal> excess = new ArrayList<>();
        List<BigDecimal> known = new ArrayList<>();
        List<BigDecimal> knownExcess = new ArrayList<>();
        for (int slot = 0; slot < WEEK_HOURS; slot++) {
            Instant hour = start.plus(HOUR.multipliedBy(slot));
            Optional<Baseline> b = before.isEmpty() ? Optional.empty() : baseline(before, hour, start);
            baselines.add(b.map(Baseline::usd).orElse(null));
            excess.add(b.map(Baseline::minimumExcess).orElse(null));
            b.ifPresent(x -> {
                known.add(x.usd);
                knownExcess.add(x.minimumExcess);
            });
        }
        BigDecimal fallback = known.isEmpty() ? BigDecimal.ZERO : Stats.median(known);
        BigDecimal fallbackExcess = knownExcess.isEmpty() ? BigDecimal.ZERO : Stats.median(knownExcess);
        baselines.replaceAll(v -> v == null ? fallback : v);
        excess.replaceAll(v -> v == null ? fallbackExcess : v);
        return new Profile(baselines, excess);
    }

    /**
     * True when {@code usd} in the hour of {@code slot} is still raised against a frozen profile: at least 1.5 times
     * its baseline and above it by more than half the detector's floor. Lower than the bar to open an episode, so
     * a runaway that eases a little is not called over.
     */
    public boolean raised(Profile profile, int slot, BigDecimal usd) {
        BigDecimal base = profile.baselineUsd().get(slot);
        return usd.compareTo(base.multiply(PAIR_EACH)) >= 0
                && usd.subtract(base).compareTo(profile.minimumExcessUsd().get(slot).multiply(HALF)) > 0;
    }

    private record Judgement(boolean runaway, BigDecimal usd, BigDecimal baseline) {
    }

    private Optional<Judgement> judge(NavigableMap<Instant, BigDecimal> hourly, Instant hour) {
        Optional<Baseline> baseline = baseline(hourly, hour, hour);
        if (baseline.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal usd = value(hourly, hour);
        Baseline b = baseline.get();
        boolean enough = usd.subtract(b.usd).compareTo(b.minimumExcess) > 0;
        boolean single = enough && usd.compareTo(b.usd.multiply(MULTIPLE)) >= 0;
        boolean pair = false;
        if (enough && !single) {
            Instant previous = hour.minus(HOUR);
            Optional<Baseline> before = baseline(hourly, previous, previous);
            if (before.isPresent()) {
                BigDecimal previousUsd = value(hourly, previous);
                pair = usd.compareTo(b.usd.multiply(PAIR_EACH)) >= 0
                        && previousUsd.compareTo(before.get().usd.multiply(PAIR_EACH)) >= 0
                        && previousUsd.subtract(before.get().usd).compareTo(before.get().minimumExcess) > 0
                        && usd.add(previousUsd).compareTo(b.usd.add(before.get().usd).multiply(PAIR_TOTAL)) >= 0;
            }
        }
        return Optional.of(new Judgement(single || pair, usd, b.usd));
    }

    /**
     * What an hour normally costs.
     *
     * @param usd           its usual spend
     * @param minimumExcess how far above it an hour must be to count (four robust deviations, or half the mean)
     * @param meanHourlyUsd the mean hourly spend of the week before it
     */
    record Baseline(BigDecimal usd, BigDecimal minimumExcess, BigDecimal meanHourlyUsd) {
    }

    /**
     * The baseline of {@code hour} from the hours before {@code known} (exclusive): the same hour of the week over
     * the four weeks before it, else the same hour of the day over the seven days before it.
     */
    static Optional<Baseline> baseline(NavigableMap<Instant, BigDecimal> hourly, Instant hour, Instant known) {
        Instant first = hourly.firstKey();
        List<BigDecimal> sameHourOfWeek = new ArrayList<>();
        for (int weeks = 1; sameHourOfWeek.size() < 4 && weeks <= 8; weeks++) {
            Instant then = hour.minus(WEEK.multipliedBy(weeks));
            if (!then.isBefore(first) && then.isBefore(known)) {
                sameHourOfWeek.add(value(hourly, then));
            }
        }
        List<BigDecimal> sameHourOfDay = new ArrayList<>();
        for (int days = 1; sameHourOfDay.size() < 7 && days <= 14; days++) {
            Instant then = hour.minus(Duration.ofDays(days));
            if (!then.isBefore(first) && then.isBefore(known)) {
                sameHourOfDay.add(value(hourly, then));
            }
        }
        BigDecimal usd;
        BigDecimal spread;
        if (sameHourOfWeek.size() >= 2) {
            usd = Stats.median(sameHourOfWeek);
            spread = Stats.mad(sameHourOfWeek).multiply(Stats.MAD_TO_SIGMA, MC);
        } else if (sameHourOfDay.size() >= 3) {
            usd = sameHourOfDay.stream().max(BigDecimal::compareTo).orElseThrow();
            spread = Stats.mad(sameHourOfDay).multiply(Stats.MAD_TO_SIGMA, MC);
        } else {
            return Optional.empty();
        }
        Instant end = hour.isBefore(known) ? hour : known;
        Instant weekAgo = end.minus(WEEK).isBefore(first) ? first : end.minus(WEEK);
        BigDecimal week = hourly.subMap(weekAgo, true, end, false).values().stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        long hours = Math.max(1, Duration.between(weekAgo, end).toHours());
        BigDecimal meanHourly = week.divide(BigDecimal.valueOf(hours), MC).max(BigDecimal.ZERO);
        BigDecimal minimumExcess = spread.multiply(BigDecimal.valueOf(4)).max(meanHourly.multiply(HALF));
        return Optional.of(new Baseline(usd.max(BigDecimal.ZERO), minimumExcess, meanHourly));
    }

    private static BigDecimal value(NavigableMap<Instant, BigDecimal> hourly, Instant hour) {
        return hourly.getOrDefault(hour, BigDecimal.ZERO);
    }
}
