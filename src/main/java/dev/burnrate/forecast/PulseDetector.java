package dev.burnrate.forecast;

import static dev.burnrate.forecast.Stats.MC;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * Judges the last 5, 15 and 60 minutes of a vendor's spend against what those minutes usually cost, so a loop at
 * 100 times the usual rate is caught by the first pulse after it starts, one at 10 times within about ten minutes
 * and one at 3 to 6 times within the hour. Plain Java.
 * <p>
 * What a five-minute slot usually costs is a twelfth of its hour's baseline, and the hour's baseline is the
 * {@link RunawayDetector}'s: the median of the same hour of the week over the past four weeks, else the largest of
 * the same hour on the past seven days, so a team's daily peaks (several times the average) are their own normal.
 * A window is running away when its spend is at least {@link Window#multiple()} times its usual spend and exceeds
 * it by more than both the hourly detector's floor (four robust deviations, scaled to the window) and
 * {@link Window#meanShare()} of the past week's mean hourly spend, scaled to the window: a quiet night that goes
 * from nothing to a few cents is not a runaway, a loop at night is.
 */
public final class PulseDetector {

    /** The grain of the pulse's points. */
    public static final Duration SLOT = Duration.ofMinutes(5);
    private static final int SLOTS_PER_HOUR = 12;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(SLOTS_PER_HOUR);
    /** A raised slot, for dating a runaway's start: this many times its usual spend and above half its floor. */
    static final BigDecimal RAISED = new BigDecimal("1.5");
    private static final BigDecimal HALF = new BigDecimal("0.5");
    /** An hour whose usual spend is under this share of the week's mean hour is one the vendor is normally silent. */
    static final BigDecimal SILENT_SHARE = new BigDecimal("0.05");

    /**
     * One window the detector judges.
     *
     * @param slots     its length in five-minute slots
     * @param multiple  how many times its usual spend it must reach
     * @param meanShare the share of the week's mean hourly spend (per hour of window) it must exceed its usual by
     */
    public record Window(int slots, BigDecimal multiple, BigDecimal meanShare) {

        public int minutes() {
            return slots * (int) SLOT.toMinutes();
        }
    }

    /** The start of the five-minute slot {@code instant} is in. */
    public static Instant slotStart(Instant instant) {
        long seconds = instant.getEpochSecond();
        return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, SLOT.getSeconds()));
    }

    /** The windows, shortest first: the first that runs away is the one reported. */
    public static final List<Window> WINDOWS = List.of(
            new Window(1, new BigDecimal("8"), new BigDecimal("2")),
            new Window(3, new BigDecimal("5"), new BigDecimal("1.5")),
            new Window(12, new BigDecimal("2.5"), new BigDecimal("0.5")));

    /**
     * A window that runs away.
     *
     * @param window       the window that fired
     * @param since        the start of the first raised slot in the hour before (when the runaway began)
     * @param spentUsd     what the window cost
     * @param usualUsd     what it usually costs
     * @param silentHour   true when the vendor is normally (almost) silent at this time of the week
     */
    public record Finding(Window window, Instant since, BigDecimal spentUsd, BigDecimal usualUsd, boolean silentHour) {

        /** The window's spend as a rate per hour. */
        public BigDecimal hourlyRateUsd() {
            return spentUsd.multiply(BigDecimal.valueOf(60)).divide(BigDecimal.valueOf(window.minutes()), MC);
        }

        /** Its usual spend as a rate per hour. */
        public BigDecimal usualHourlyRateUsd() {
            return usualUsd.multiply(BigDecimal.valueOf(60)).divide(BigDecimal.valueOf(window.minutes()), MC);
        }
    }

    /**
     * @param hourly  spend per complete hour before the window, keyed by the hour's start (UTC): the baseline
     * @param slots   spend per five-minute slot of the last hour or more, keyed by the slot's start; a slot inside
     *                the read range that is missing cost nothing
     * @param through the end of the last complete slot: slots from here on are not judged
     * @return the shortest window that runs away, if any; empty with less than three days of history
     */
    public Optional<Finding> evaluate(NavigableMap<Instant, BigDecimal> hourly, NavigableMap<Instant, BigDecimal> slots,
            Instant through) {
        if (hourly.isEmpty() || !through.truncatedTo(ChronoUnit.MINUTES).equals(through)
                || through.getEpochSecond() % SLOT.getSeconds() != 0) {
            return Optional.empty();
        }
        // a slot's baseline is its hour's: each hour's is worked out once for every window and slot
        java.util.Map<Instant, Optional<RunawayDetector.Baseline>> hours = new java.util.HashMap<>();
        java.util.function.Function<Instant, Optional<RunawayDetector.Baseline>> baselines = slot -> hours
                .computeIfAbsent(slot.truncatedTo(ChronoUnit.HOURS),
                        hour -> RunawayDetector.baseline(hourly, hour, hour));
        for (Window window : WINDOWS) {
            BigDecimal spent = BigDecimal.ZERO;
            BigDecimal usual = BigDecimal.ZERO;
            BigDecimal floor = BigDecimal.ZERO;
            BigDecimal mean = BigDecimal.ZERO;
            boolean judged = true;
            for (int back = 1; back <= window.slots(); back++) {
                Instant slot = through.minus(SLOT.multipliedBy(back));
                Optional<RunawayDetector.Baseline> baseline = baselines.apply(slot);
                if (baseline.isEmpty()) {
                    judged = false;
                    break;
                }
                spent = spent.add(slots.getOrDefault(slot, BigDecimal.ZERO));
                usual = usual.add(baseline.get().usd().divide(TWELVE, MC));
                floor = floor.add(baseline.get().minimumExcess().divide(TWELVE, MC));
                mean = mean.add(baseline.get().meanHourlyUsd().divide(TWELVE, MC));
            }
            if (!judged) {
                return Optional.empty();
            }
            BigDecimal minimumExcess = floor.max(mean.multiply(window.meanShare()));
            if (spent.compareTo(usual.multiply(window.multiple())) >= 0
                    && spent.subtract(usual).compareTo(minimumExcess) > 0) {
                boolean silent = usual.compareTo(mean.multiply(SILENT_SHARE)) < 0;
                return Optional.of(new Finding(window, since(baselines, slots, through, window), spent, usual, silent));
            }
        }
        return Optional.empty();
    }

    /**
     * The earliest slot of the unbroken run of raised slots that ends with the last one (at most an hour back); the
     * window's start when the last slot is not raised itself.
     */
    private static Instant since(java.util.function.Function<Instant, Optional<RunawayDetector.Baseline>> baselines,
            NavigableMap<Instant, BigDecimal> slots, Instant through, Window window) {
        Instant since = through.minus(SLOT.multipliedBy(window.slots()));
        for (int back = 1; back <= SLOTS_PER_HOUR; back++) {
            Instant slot = through.minus(SLOT.multipliedBy(back));
            Optional<RunawayDetector.Baseline> baseline = baselines.apply(slot);
            if (baseline.isEmpty()) {
                break;
            }
            BigDecimal usual = baseline.get().usd().divide(TWELVE, MC);
            BigDecimal floor = baseline.get().minimumExcess().divide(TWELVE, MC).multiply(HALF);
            BigDecimal spent = slots.getOrDefault(slot, BigDecimal.ZERO);
            if (spent.compareTo(usual.multiply(RAISED)) < 0 || spent.subtract(usual).compareTo(floor) <= 0) {
                break;
            }
            since = slot;
        }
        return since;
    }
}
