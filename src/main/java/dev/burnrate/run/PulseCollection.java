package dev.burnrate.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.burnrate.alert.AlertEngine;
import dev.burnrate.alert.RunawayEpisode;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.DaemonThreads;
import dev.burnrate.config.Secrets;
import dev.burnrate.forecast.PulseDetector;
import dev.burnrate.ledger.PulseLedger;
import dev.burnrate.provider.TokenPrices;
import dev.burnrate.provider.UsageLine;
import dev.burnrate.provider.VendorCalls;
import dev.burnrate.provider.VendorCollector;
import dev.burnrate.provider.VendorException;

/**
 * One pulse's reading: for each vendor that {@link VendorCollector#pulses()}, its minute-grain usage of the
 * previous and the current hour (up to the last complete five minutes), priced at list price into five-minute
 * points, stored with the previous hour's total, and judged by the {@link PulseDetector} against the vendor's stored
 * hours. A vendor's first pulse reads its hourly history first (four weeks, one-hour buckets), so the detector can
 * judge from that pulse on rather than after three days. The vendors are read at once, each within
 * {@code burnrate.pulse.vendor-timeout}.
 */
@ApplicationScoped
public class PulseCollection {

    private static final Logger LOG = Logger.getLogger(PulseCollection.class);
    /** Days of pulse hours the detector reads: its four weeks of baseline and the current week. */
    static final int HISTORY_DAYS = 35;
    /** Days of hourly history a vendor's first pulse reads from it. */
    static final int FIRST_HISTORY_DAYS = 28;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final ExecutorService POOL = DaemonThreads.pool("burnrate-pulse");

    /**
     * What one pulse did with one vendor.
     *
     * @param view       what the alert engine is told
     * @param error      why its fast source could not be read, or null
     * @param lastHourUsd the previous hour's estimated spend, or null when unread
     * @param windowUsd  the last 15 minutes' estimated spend, or null when unread
     * @param notes      what a person should know about this read
     */
    record Read(String vendor, AlertEngine.PulseView view, String error, BigDecimal lastHourUsd, BigDecimal windowUsd,
            List<String> notes) {
    }

    private final List<VendorCollector> collectors;
    private final PulseLedger ledger;
    private final BurnrateConfig.Pulse config;
    private final PulseDetector detector = new PulseDetector();
    private final TokenPrices prices = TokenPrices.shipped();

    PulseCollection(Instance<VendorCollector> collectors, PulseLedger ledger, BurnrateConfig config) {
        this.collectors = collectors.stream().sorted(Comparator.comparing(VendorCollector::id)).toList();
        this.ledger = ledger;
        this.config = config.pulse();
    }

    /** Complete days the billed rate is measured on, and the fewest that must have both figures. */
    static final int RATE_DAYS = 7;
    static final int RATE_MIN_DAYS = 3;
    /** A billed rate outside these bounds is not a price: the usage does not cover what was billed. */
    static final BigDecimal RATE_LOWEST = new BigDecimal("0.1");
    static final BigDecimal RATE_HIGHEST = BigDecimal.TEN;
    /** A week-to-week change of the billed rate beyond this share is worth saying. */
    static final BigDecimal RATE_MOVED = new BigDecimal("0.25");

    /**
     * Once a week per vendor the pulse reads in tokens: its billed rate, the billed cost of the last complete days ÷
     * the same days' tokens at list price (the pulse's stored hours), where both are known for the whole day, at
     * least {@value #RATE_MIN_DAYS} of the last {@value #RATE_DAYS}. The pulse's alerts then give dollars at that
     * rate. Returns what a person should know, per vendor: a rate that moved sharply since the week before, or one
     * too far from 1 to be a price.
     */
    Map<String, List<String>> measureBilledRates(Secrets secrets, List<dev.burnrate.ledger.DailySnapshot> snapshots,
            Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate from = today.minusDays(RATE_DAYS);
        LocalDate to = today.minusDays(1);
        Map<String, List<String>> notes = new TreeMap<>();
        for (VendorCollector collector : pulsing(secrets)) {
            if (collector.pulsesDollars()) {
                continue;
            }
            String vendor = collector.id();
            PulseLedger.History history = ledger.history(vendor, from);
            // weekly: the weeks compared do not overlap, so a price change shows whole, not a seventh a day; a move
            // is said for a day after it was measured, so the day's digest carries it
            if (history.price() != null && history.price().to().isAfter(to.minusDays(RATE_DAYS))) {
                moved(history.price()).filter(m -> history.price().measuredAt() != null
                        && Duration.between(history.price().measuredAt(), now).compareTo(Duration.ofDays(1)) < 0)
                        .ifPresent(m -> notes.put(vendor, List.of(m)));
                continue;
            }
            Map<LocalDate, BigDecimal> billed = new TreeMap<>();
            snapshots.stream().filter(s -> s.cost().vendor().equals(vendor) && !s.cost().day().isBefore(from)
                    && !s.cost().day().isAfter(to)).forEach(s -> billed.merge(s.cost().day(), s.cost().totalUsd(),
                            BigDecimal::add));
            Map<LocalDate, BigDecimal> listed = new TreeMap<>();
            Map<LocalDate, Integer> hours = new TreeMap<>();
            history.hourly().forEach((hour, usd) -> {
                LocalDate day = hour.atZone(ZoneOffset.UTC).toLocalDate();
                listed.merge(day, usd, BigDecimal::add);
                hours.merge(day, 1, Integer::sum);
            });
            BigDecimal billedSum = BigDecimal.ZERO;
            BigDecimal listedSum = BigDecimal.ZERO;
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                if (billed.containsKey(day) && hours.getOrDefault(day, 0) == 24) {
                    billedSum = billedSum.add(billed.get(day));
                    listedSum = listedSum.add(listed.get(day));
                    days.add(day);
                }
            }
            if (days.size() < RATE_MIN_DAYS || listedSum.signum() <= 0) {
                continue;
            }
            BigDecimal factor = billedSum.divide(listedSum, java.math.MathContext.DECIMAL64);
            List<String> said = new ArrayList<>();
            if (factor.compareTo(RATE_LOWEST) < 0 || factor.compareTo(RATE_HIGHEST) > 0) {
                said.add("billed " + money(billedSum) + " against " + money(listedSum) + " of its tokens at list "
                        + "price on " + days.size() + " days: too far apart to be a price (the usage read may not "
                        + "cover what is billed); runaway alerts keep list prices");
            } else {
                BigDecimal before = history.price() == null ? null : history.price().factor();
                PulseLedger.BilledRate measured = new PulseLedger.BilledRate(factor, days.get(0),
                        days.get(days.size() - 1), before, now);
                ledger.recordBilledRate(vendor, measured);
                moved(measured).ifPresent(said::add);
            }
            said.forEach(note -> LOG.warnf("vendor %s: %s", vendor, note));
            if (!said.isEmpty()) {
                notes.put(vendor, said);
            }
        }
        return notes;
    }

    /** The sentence for a billed rate that moved by more than {@link #RATE_MOVED} from the week before. */
    private static Optional<String> moved(PulseLedger.BilledRate rate) {
        BigDecimal before = rate.previous();
        if (before == null || before.signum() <= 0 || rate.factor().divide(before, java.math.MathContext.DECIMAL64)
                .subtract(BigDecimal.ONE).abs().compareTo(RATE_MOVED) <= 0) {
            return Optional.empty();
        }
        return Optional.of("its billed rate moved from " + rate(before) + " to " + rate(rate.factor())
                + " × list price week to week (billed " + rate.from() + " to " + rate.to()
                + "): a price or caching change?");
    }

    private static String rate(BigDecimal factor) {
        return factor.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** The vendors a pulse reads with these keys. */
    List<VendorCollector> pulsing(Secrets secrets) {
        return collectors.stream().filter(c -> c.configured(secrets) && c.pulses()).toList();
    }

    /** True when the pulse is on and reads {@code collector}: the hourly check then leaves its runaways alone. */
    boolean movesRunaways(VendorCollector collector) {
        return config.enabled() && collector.pulses();
    }

    List<Read> readAll(Secrets secrets, Instant now) {
        List<VendorCollector> vendors = pulsing(secrets);
        List<Future<Read>> futures = new ArrayList<>();
        List<AtomicBoolean> ended = new ArrayList<>();
        for (VendorCollector collector : vendors) {
            AtomicBoolean end = new AtomicBoolean();
            ended.add(end);
            futures.add(POOL.submit(() -> VendorCalls.withinBudget(end, () -> read(collector, secrets, now))));
        }
        long deadline = System.nanoTime() + config.vendorTimeout().toNanos();
        List<Read> reads = new ArrayList<>();
        try {
            for (int i = 0; i < vendors.size(); i++) {
                VendorCollector collector = vendors.get(i);
                try {
                    reads.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    ended.get(i).set(true);
                    futures.get(i).cancel(true);
                    reads.add(failed(collector, now, collector.id() + ": the pulse did not finish within "
                            + config.vendorTimeout().toSeconds() + "s"));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException unexpected) {
                        throw unexpected;
                    }
                    throw new IllegalStateException("pulse of " + collector.id() + " failed", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the pulse", e);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        return reads;
    }

    private Read read(VendorCollector collector, Secrets secrets, Instant now) {
        String vendor = collector.id();
        Instant through = PulseDetector.slotStart(now);
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant from = hour.minus(HOUR);
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        PulseLedger.History history = ledger.history(vendor, today.minusDays(HISTORY_DAYS));
        List<String> notes = new ArrayList<>();
        NavigableMap<Instant, BigDecimal> hourly = new TreeMap<>(history.hourly().headMap(from, false));
        Set<String> known = new TreeSet<>(history.models());
        try {
            if (history.historyRead() == null) {
                hourly.putAll(readHistory(collector, secrets, today, from, history, known, notes));
                ledger.recordHistoryRead(vendor, now);
            }
            Optional<BigDecimal> total = collector.spentSoFarUsd(secrets);
            NavigableMap<Instant, List<UsageLine>> minutes = total.isPresent() ? new TreeMap<>()
                    : collector.pulse(secrets, from, through, MINUTE);
            NavigableMap<Instant, BigDecimal> slots = total.isPresent()
                    ? differenced(vendor, history.lastTotal(), new PulseLedger.Total(now, total.get()), from, through,
                            notes)
                    : slots(vendor, minutes, from, through);
            boolean counted = slots != null;
            if (!counted) {
                slots = stored(vendor, from, through);
            }
            BigDecimal lastHour = slots.headMap(hour, false).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            Set<String> seen = models(minutes.tailMap(from, true));
            Set<String> newModels = new TreeSet<>(seen);
            newModels.removeAll(known);
            ledger.putHours(vendor, new TreeMap<>(Map.of(from, lastHour)), newModels, history.hourly());
            if (counted) {
                ledger.putSlots(vendor, slots);
            }
            if (history.unreadSince() != null) {
                ledger.recordRead(vendor);
            }
            hourly.put(from, lastHour);
            NavigableMap<Instant, BigDecimal> judged = hourly.headMap(hour, false);
            Optional<PulseDetector.Finding> finding = detector.evaluate(judged, slots, through);
            RunawayEpisode.Opening opening = finding.map(f -> opening(collector, f, minutes, known, through,
                    history.price())).orElse(null);
            BigDecimal window = slots.subMap(through.minus(PulseDetector.SLOT.multipliedBy(3)), true, through, false)
                    .values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            LOG.infof("pulse %s: %s in the last 15 min, %s in the hour to %s%s", vendor, money(window),
                    money(lastHour), hour, opening == null ? "" : "; running away since " + opening.since());
            return new Read(vendor, new AlertEngine.PulseView(vendor, null, judged, opening), null, lastHour, window,
                    notes);
        } catch (VendorException e) {
            return failed(collector, now, e.getMessage());
        }
    }

    /** A first pulse: four weeks of hourly buckets, stored as the vendor's pulse hours. */
    private NavigableMap<Instant, BigDecimal> readHistory(VendorCollector collector, Secrets secrets, LocalDate today,
            Instant to, PulseLedger.History history, Set<String> known, List<String> notes) {
        Instant start = today.minusDays(FIRST_HISTORY_DAYS).atStartOfDay(ZoneOffset.UTC).toInstant();
        NavigableMap<Instant, List<UsageLine>> buckets = collector.pulse(secrets, start, to, HOUR);
        NavigableMap<Instant, BigDecimal> hours = new TreeMap<>();
        for (Instant h = start; h.isBefore(to); h = h.plus(HOUR)) {
            hours.put(h, usd(collector.id(), buckets.getOrDefault(h, List.of())));
        }
        Set<String> models = models(buckets);
        ledger.putHours(collector.id(), hours, models, history.hourly());
        known.addAll(models);
        notes.add("read " + FIRST_HISTORY_DAYS + " days of hourly history for the runaway baseline");
        LOG.infof("pulse %s: stored %d hour(s) of history, %d model(s)", collector.id(), hours.size(), models.size());
        return hours;
    }

    /** Five-minute points over {@code [from, through)} at list price; a slot without a bucket cost nothing. */
    private NavigableMap<Instant, BigDecimal> slots(String vendor, NavigableMap<Instant, List<UsageLine>> minutes,
            Instant from, Instant through) {
        NavigableMap<Instant, BigDecimal> slots = new TreeMap<>();
        for (Instant slot = from; slot.isBefore(through); slot = slot.plus(PulseDetector.SLOT)) {
            slots.put(slot, BigDecimal.ZERO);
        }
        minutes.subMap(from, true, through, false).forEach((minute, lines) -> slots.merge(
                PulseDetector.slotStart(minute), usd(vendor, lines), BigDecimal::add));
        return slots;
    }

    /** A running total's points may be older than the last pulse: those not sampled are not known, so zero. */
    private static final Duration TOTAL_GAP = Duration.ofHours(2);

    /**
     * The five-minute points of a vendor whose fast source is a running total: the stored ones, plus the dollars
     * used since the last sample spread over the time between by overlap. Null when another pulse already counted
     * this difference (then the stored points are what they are).
     */
    private NavigableMap<Instant, BigDecimal> differenced(String vendor, PulseLedger.Total previous,
            PulseLedger.Total sample, Instant from, Instant through, List<String> notes) {
        if (!ledger.recordTotal(vendor, sample, previous)) {
            LOG.infof("pulse %s: another pulse sampled the running total first; its points stand", vendor);
            return null;
        }
        NavigableMap<Instant, BigDecimal> slots = stored(vendor, from, through);
        if (previous == null || Duration.between(previous.at(), sample.at()).compareTo(TOTAL_GAP) > 0) {
            notes.add("first sample of the running total" + (previous == null ? "" : " since " + previous.at())
                    + ": the minutes before it are not known");
            return slots;
        }
        BigDecimal delta = sample.usd().subtract(previous.usd());
        if (delta.signum() < 0) {
            notes.add("the running total went down by " + money(delta.negate()) + " (a refund or credit); not counted");
            return slots;
        }
        long span = Duration.between(previous.at(), sample.at()).toMillis();
        if (span <= 0) {
            return slots;
        }
        for (Instant slot = PulseDetector.slotStart(previous.at()); slot.isBefore(sample.at());
                slot = slot.plus(PulseDetector.SLOT)) {
            Instant start = slot.isBefore(previous.at()) ? previous.at() : slot;
            Instant slotEnd = slot.plus(PulseDetector.SLOT);
            Instant end = slotEnd.isAfter(sample.at()) ? sample.at() : slotEnd;
            BigDecimal share = delta.multiply(BigDecimal.valueOf(Duration.between(start, end).toMillis()))
                    .divide(BigDecimal.valueOf(span), java.math.MathContext.DECIMAL64);
            if (!slot.isBefore(from)) {
                slots.merge(slot, share, BigDecimal::add);
            }
        }
        return slots;
    }

    /** The stored five-minute points over {@code [from, through]} (the slot {@code through} starts included). */
    private NavigableMap<Instant, BigDecimal> stored(String vendor, Instant from, Instant through) {
        NavigableMap<Instant, BigDecimal> slots = new TreeMap<>();
        for (Instant slot = from; !slot.isAfter(through); slot = slot.plus(PulseDetector.SLOT)) {
            slots.put(slot, BigDecimal.ZERO);
        }
        slots.putAll(ledger.slots(vendor, from, through.plus(PulseDetector.SLOT)));
        return slots;
    }

    private BigDecimal usd(String vendor, List<UsageLine> lines) {
        return lines.stream().map(line -> prices.estimateUsd(vendor, line)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Set<String> models(NavigableMap<Instant, List<UsageLine>> buckets) {
        Set<String> models = new TreeSet<>();
        buckets.values().forEach(lines -> lines.stream().filter(l -> l.inputTokens() + l.outputTokens() > 0)
                .forEach(l -> models.add(l.model())));
        return models;
    }

    /** What the alert says besides the figures: who carries the spend, new models, a normally silent hour. */
    private RunawayEpisode.Opening opening(VendorCollector collector, PulseDetector.Finding finding,
            NavigableMap<Instant, List<UsageLine>> minutes, Set<String> known, Instant through,
            PulseLedger.BilledRate price) {
        Instant windowStart = through.minus(Duration.ofMinutes(finding.window().minutes()));
        if (finding.since().isBefore(windowStart)) {
            windowStart = finding.since();
        }
        Map<String, BigDecimal> byModel = new HashMap<>();
        Map<String, BigDecimal> byProject = new HashMap<>();
        long[] tokens = new long[2];
        minutes.subMap(windowStart, true, through, false).values().forEach(lines -> lines.forEach(line -> {
            tokens[0] += line.inputTokens();
            tokens[1] += line.outputTokens();
        }));
        minutes.tailMap(windowStart, true).values().forEach(lines -> lines.forEach(line -> {
            BigDecimal usd = prices.estimateUsd(collector.id(), line);
            byModel.merge(line.model(), usd, BigDecimal::add);
            if (!line.project().equals(dev.burnrate.provider.CostLine.DEFAULT_PROJECT)) {
                byProject.merge(line.project(), usd, BigDecimal::add);
            }
        }));
        List<String> signals = new ArrayList<>();
        long span = Math.max(1, Duration.between(windowStart, through).toMinutes());
        if (tokens[0] + tokens[1] > 0) {
            signals.add(String.format(java.util.Locale.ROOT, "About %,d input and %,d output tokens a minute since %s",
                    tokens[0] / span, tokens[1] / span, windowStart));
        }
        top(byModel).ifPresent(m -> signals.add("Most of it is model " + m));
        top(byProject).ifPresent(p -> signals.add("Most of it is in project/workspace " + p));
        // models are known from the stored days (or the history just read): none known, nothing is new
        Set<String> fresh = new TreeSet<>(byModel.keySet());
        fresh.removeAll(known);
        fresh.remove("unspecified");
        if (!fresh.isEmpty() && !known.isEmpty()) {
            signals.add("Never used in the past weeks: " + String.join(", ", fresh)
                    + " (a leaked key often shows as a new model)");
        }
        if (finding.silentHour()) {
            signals.add(collector.displayName() + " is normally silent at this time of the week");
        }
        if (collector.consoleUrl() != null) {
            signals.add("To stop it now, cap or revoke the key or project at " + collector.consoleUrl());
        }
        // detection compares list-price estimates with list-price estimates; the dollars people read are billed ones
        BigDecimal factor = BigDecimal.ONE;
        if (collector.pulsesDollars()) {
            signals.add("Dollars are what " + collector.displayName() + " charged (its running total)");
        } else if (price != null) {
            factor = price.factor();
            signals.add("Dollars are estimates at your billed rate: " + rate(factor) + " × list price (billed "
                    + price.from() + " to " + price.to() + " ÷ those days' tokens at list price)");
        } else {
            signals.add("Dollars are estimates at list price (token-prices.csv): no billed rate measured yet");
        }
        RunawayEpisode.Opening listed = RunawayEpisode.Opening.of(finding, signals);
        return new RunawayEpisode.Opening(listed.since(), listed.windowMinutes(),
                listed.hourlyRateUsd().multiply(factor), listed.usualRateUsd().multiply(factor), listed.signals());
    }

    private static Optional<String> top(Map<String, BigDecimal> amounts) {
        return amounts.entrySet().stream().filter(e -> e.getValue().signum() > 0).max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }

    private Read failed(VendorCollector collector, Instant now, String error) {
        LOG.warnf("pulse %s failed: %s", collector.id(), error);
        Instant since;
        try {
            since = ledger.recordUnread(collector.id(), now);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            LOG.errorf("pulse %s: could not record the failure: %s", collector.id(), e.getMessage());
            since = now;
        }
        return new Read(collector.id(), new AlertEngine.PulseView(collector.id(), since, null, null), error, null,
                null, List.of());
    }

    private static BigDecimal money(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_UP);
    }
}
