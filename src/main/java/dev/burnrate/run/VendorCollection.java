package dev.burnrate.run;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;

import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;
import dev.burnrate.ledger.DailySnapshot;
import dev.burnrate.ledger.DropGuard;
import dev.burnrate.ledger.HourlyPoint;
import dev.burnrate.ledger.UsageTotals;
import dev.burnrate.ledger.Ledger;
import dev.burnrate.provider.DailyCost;
import dev.burnrate.provider.TokenPrices;
import dev.burnrate.provider.Usage;
import dev.burnrate.provider.VendorCalls;
import dev.burnrate.provider.UsageLine;
import dev.burnrate.provider.VendorCollector;
import dev.burnrate.provider.VendorException;

/**
 * Collects every vendor that has a key, in parallel and each within its time budget, and stores what it got.
 * A vendor's expected failure is recorded and the others go on.
 * <p>
 * What a run stores for a vendor is what the report says it stored: the time budget stops a vendor's reading,
 * never its writing (a write under way when the budget ends is waited for, up to the budget again), so a report
 * never says "failed" for days that were in fact written; a DynamoDB failure part way is reported with the count
 * stored. A re-pulled day that drops sharply is held by the {@link DropGuard}; an answer with no days where the
 * vendor's shape promises some, or where spend is stored, is a failure that keeps the vendor stale, not a refresh.
 */
@ApplicationScoped
class VendorCollection {

    private static final Logger LOG = Logger.getLogger(VendorCollection.class);

    private final List<VendorCollector> collectors;
    private final Ledger ledger;
    private final VendorCalls calls;
    private final BurnrateConfig.Collect config;
    private final DropGuard guard;
    private final TokenPrices prices = TokenPrices.shipped();
    /** Days of hourly usage read at most: a vendor's first run gives the runaway detector a week to compare with. */
    static final int HOURLY_DAYS = 7;
    /**
     * Days of usage read and held at once before the hourly window: a first run's history is read in slices of it.
     * At 10,000 lines a day a week's slice fits beside the rest of a first run in a 435 MB heap; 31 days did not
     * (bench/scale).
     */
    static final int USAGE_SLICE_DAYS = 7;

    /**
     * The vendors' threads, kept across warm invocations (idle ones end after a minute); a vendor out of time is
     * interrupted through its future, never by shutting the pool.
     */
    private final ExecutorService pool = dev.burnrate.config.DaemonThreads.pool("burnrate-collect");
    private final dev.burnrate.config.SecretStore secretStore;

    VendorCollection(@Any Instance<VendorCollector> collectors, Ledger ledger, VendorCalls calls,
            BurnrateConfig config, dev.burnrate.config.SecretStore secretStore) {
        this.secretStore = secretStore;
        this.collectors = collectors.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        this.ledger = ledger;
        this.calls = calls;
        this.config = config.collect();
        try {
            this.guard = new DropGuard(this.config.dropShare(), this.config.dropConfirmAfter());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("burnrate.collect.drop-share / drop-confirm-after: " + e.getMessage(), e);
        }
    }

    List<VendorCollector> collectors() {
        return collectors;
    }

    List<VendorOutcome> collectAll(Secrets keys, Instant now) {
        List<Future<VendorOutcome>> futures = new ArrayList<>();
        try {
            List<Progress> progress = new ArrayList<>();
            for (VendorCollector collector : collectors) {
                Progress p = new Progress();
                progress.add(p);
                futures.add(collector.configured(keys)
                        ? pool.submit(() -> VendorCalls.withinBudget(p.ended, () -> timed(collector,
                                () -> collect(collector, keys, now, p))))
                        : null);
            }
            long deadline = System.nanoTime() + config.vendorTimeout().toNanos();
            List<VendorOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < collectors.size(); i++) {
                outcomes.add(await(collectors.get(i), futures.get(i), deadline, progress.get(i)));
            }
            return outcomes;
        } finally {
            futures.stream().filter(java.util.Objects::nonNull).forEach(future -> future.cancel(true));
        }
    }

    /**
     * Where one vendor's collection is: what it has stored so far (its outcome as of then) and whether a write is
     * under way. The time budget {@link #stop}s it, which waits for a write under way to end.
     */
    static final class Progress {
        /** Set when the time budget ends: the vendor's thread makes no further request ({@link VendorCalls}). */
        final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        private boolean writing;
        private boolean stopped;
        private VendorOutcome stored;
        private String reading = "cost";

        /** Before a write: fails when the time budget already ended, so nothing more is written. */
        synchronized void beginWrite(String vendor) {
            if (stopped) {
                throw new VendorException(vendor, "store", "time budget ended before storing; nothing written");
            }
            writing = true;
        }

        /** A write ended: {@code outcome} is what is stored now (null: unchanged); {@code next} is read next. */
        synchronized void endWrite(VendorOutcome outcome, String next) {
            writing = false;
            if (outcome != null) {
                stored = outcome;
                reading = next;
            }
            notifyAll();
        }

        /** Ends the vendor's time: waits up to {@code grace} for a write under way, then says what is stored. */
        synchronized VendorOutcome stop(Duration grace) throws InterruptedException {
            stopped = true;
            ended.set(true);
            long until = System.nanoTime() + grace.toNanos();
            while (writing && System.nanoTime() < until) {
                TimeUnit.NANOSECONDS.timedWait(this, until - System.nanoTime());
            }
            return stored;
        }

        synchronized String reading() {
            return reading;
        }
    }

    /**
     * The vendor's outcome, or its failure when it ran out of time; when the time ran out after its cost was
     * stored, that cost stands and only what was still being read is reported missing.
     */
    private VendorOutcome await(VendorCollector collector, Future<VendorOutcome> future, long deadline,
            Progress progress) {
        if (future == null) {
            return new VendorOutcome(collector.id(), collector.displayName(), VendorOutcome.Status.NOT_CONFIGURED,
                    null, 0, null, 0);
        }
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String where = calls.inFlight(collector.id()); // before its requests are stopped
            VendorOutcome stored;
            try {
                stored = progress.stop(config.vendorTimeout());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while collecting " + collector.id(), interrupted);
            }
            future.cancel(true);
            String late = "did not finish within " + format(config.vendorTimeout())
                    + (where == null ? "" : " (in " + where + ")");
            if (stored != null) {
                String what = progress.reading();
                String error = collector.id() + ": the cost is stored, but " + what + " " + late;
                LOG.warn(error);
                if (what.equals("usage")) {
                    Instant since = ledger.recordUsageUnread(collector.id(), stored.fetchedAt());
                    return stored.withUsageError(error, since, false).took(config.vendorTimeout().toMillis());
                }
                return stored.took(config.vendorTimeout().toMillis());
            }
            return failed(collector, collector.id() + ": " + late).took(config.vendorTimeout().toMillis());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            throw new IllegalStateException("collecting " + collector.id() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting " + collector.id(), e);
        }
    }

    /** Runs one vendor's collection, turning its expected failure into an outcome, and times it. */
    private VendorOutcome timed(VendorCollector collector, java.util.function.Supplier<VendorOutcome> work) {
        long started = System.nanoTime();
        VendorOutcome outcome;
        try {
            outcome = work.get();
        } catch (VendorException e) {
            if (e instanceof VendorException.Refused) {
                secretStore.forget();
            }
            outcome = failed(collector, e.getMessage());
        }
        return outcome.took(Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private VendorOutcome failed(VendorCollector collector, String error) {
        LOG.warnf("vendor %s failed: %s", collector.id(), error);
        return new VendorOutcome(collector.id(), collector.displayName(), VendorOutcome.Status.FAILED, error, 0,
                null, 0);
    }

    private VendorOutcome collect(VendorCollector collector, Secrets keys, Instant now, Progress progress) {
        String id = collector.id();
        calls.startCollecting(id);
        Ledger.VendorState state = ledger.vendorState(id);
        java.util.Optional<Instant> last = state.lastSuccess();
        if (!collector.minInterval().isZero()) {
            if (last.isPresent() && Duration.between(last.get(), now).compareTo(collector.minInterval()) < 0) {
                LOG.infof("vendor %s: last collected %s, less than %s ago; using the stored days", id,
                        last.get(), collector.minInterval());
                return new VendorOutcome(id, collector.displayName(), VendorOutcome.Status.OK, null, 0,
                        last.get(), 0);
            }
        }
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate from = windowStart(last, today);
        LocalDate toExclusive = today.plusDays(1);
        // the cost in a method of its own: its lines are garbage before the usage is read (a first run at 10,000
        // lines a day holds a million of each)
        Costed costed = collectCost(collector, keys, now, progress, from, toExclusive);
        VendorOutcome outcome = costed.outcome();
        if (collector.reportsUsage()) {
            outcome = collectUsage(collector, keys, now, state, from, toExclusive, progress, outcome, costed.usage());
        }
        try {
            return collector.balanceUsd(keys).map(outcome::withBalance).orElse(outcome);
        } catch (VendorException e) {
            // the days are stored; a balance that cannot be read is logged, not a failed vendor
            LOG.warnf("vendor %s: balance not read: %s", id, e.getMessage());
            return outcome;
        }
    }

    /** What storing a vendor's cost left: its outcome, and the stored usage of the window (one query with the days). */
    private record Costed(VendorOutcome outcome, Map<LocalDate, Ledger.StoredUsage> usage) {
    }

    private Costed collectCost(VendorCollector collector, Secrets keys, Instant now, Progress progress, LocalDate from,
            LocalDate toExclusive) {
        String id = collector.id();
        LocalDate today = toExclusive.minusDays(1);
        VendorCollector.Collected collected = collector.collect(keys, from, toExclusive);
        List<DailyCost> days = collected.days().stream().map(ledger.rates()::apply).toList();
        VendorCalls.requireTime(id, "collect");
        Ledger.StoredWindow window = ledger.storedWindow(id, from, toExclusive);
        Map<LocalDate, DropGuard.Stored> stored = window.days();
        requireSomeDays(collector, days, stored, from, toExclusive);
        DropGuard.Verdict verdict = guard.judge(days, stored, now);
        LocalDate provisionalFrom = today.minusDays(config.provisionalDays());
        VendorOutcome outcome = new VendorOutcome(id, collector.displayName(), VendorOutcome.Status.OK, null,
                days.size(), now, 0).withNotes(collected.notes());
        write(progress, id, "its days", () -> {
            ledger.putDays(verdict.write().stream().map(day -> new DailySnapshot(day, now,
                    !day.day().isBefore(provisionalFrom), null, null, DailySnapshot.revise(
                            stored.containsKey(day.day()) ? stored.get(day.day()).revisions() : List.of(), day, now)))
                    .toList());
            verdict.hold().forEach(hold -> ledger.holdDrop(id, hold.reported().day(), hold.reported().totalUsd(),
                    hold.since()));
            verdict.write().stream().map(day -> YearMonth.from(day.day())).distinct()
                    .filter(written -> written.isBefore(YearMonth.from(today).minusMonths(1)))
                    .forEach(ledger::forgetMonthSummary);
            ledger.recordSuccess(id, now, from, toExclusive);
        }, outcome, collector.reportsUsage() ? "usage" : "the balance");
        verdict.hold().forEach(hold -> LOG.warnf("vendor %s: %s re-pulled at %s, stored %s; keeping the stored figure "
                + "until a later read confirms the drop", id, hold.reported().day(), hold.reported().totalUsd(),
                hold.storedUsd()));
        verdict.confirmed().forEach(day -> LOG.infof("vendor %s: the lower figure for %s (%s) was confirmed and is "
                + "stored", id, day.day(), day.totalUsd()));
        LOG.infof("vendor %s: stored %d day(s) from %s, held %d", id, verdict.write().size(), from,
                verdict.hold().size());
        return new Costed(outcome, window.usage());
    }

    /**
     * Reads and stores a vendor's usage after its cost; the outcome says what of it could not be read. First the
     * days of the hourly window with the hourly counts (the runaway detector's; all of a regular run's window), then
     * the days before it (a first run's history) in slices of {@value #USAGE_SLICE_DAYS}, latest first, each stored
     * before the next is read, so memory holds one slice's lines, not the whole history's. A slice that fails (or
     * the time budget ending) stops the older ones; what was stored stays.
     */
    private VendorOutcome collectUsage(VendorCollector collector, Secrets keys, Instant now, Ledger.VendorState state,
            LocalDate from, LocalDate toExclusive, Progress progress, VendorOutcome outcome,
            Map<LocalDate, Ledger.StoredUsage> storedUsage) {
        String id = collector.id();
        LocalDate today = toExclusive.minusDays(1);
        Instant hourlyFrom = hourlyFrom(from, today);
        LocalDate recentFrom = hourlyFrom.atZone(ZoneOffset.UTC).toLocalDate();
        List<LocalDate[]> older = new ArrayList<>();
        for (LocalDate end = recentFrom; end.isAfter(from); end = end.minusDays(USAGE_SLICE_DAYS)) {
            LocalDate begin = end.minusDays(USAGE_SLICE_DAYS);
            older.add(new LocalDate[] {begin.isBefore(from) ? from : begin, end});
        }
        VendorOutcome after = readUsageSlice(collector, keys, now, progress, outcome, storedUsage,
                recentFrom.isBefore(from) ? from : recentFrom, toExclusive, hourlyFrom, true);
        for (LocalDate[] slice : older) {
            if (after.usageError() != null) {
                return after;
            }
            after = readUsageSlice(collector, keys, now, progress, after, storedUsage, slice[0], slice[1], null, false);
        }
        if (after.usageError() == null && state.usageUnreadSince() != null) {
            write(progress, id, "its usage", () -> ledger.recordUsageRead(id), after, "the balance");
        }
        return after;
    }

    private VendorOutcome readUsageSlice(VendorCollector collector, Secrets keys, Instant now, Progress progress,
            VendorOutcome outcome, Map<LocalDate, Ledger.StoredUsage> storedUsage, LocalDate from,
            LocalDate toExclusive, Instant hourlyFrom, boolean withHours) {
        String id = collector.id();
        Usage usage;
        try {
            usage = collector.usage(keys, from, toExclusive, hourlyFrom);
            VendorCalls.requireTime(id, "usage");
        } catch (VendorException e) {
            // the cost is stored; usage that cannot be read at all leaves the stored usage as it was
            LOG.warnf("vendor %s: usage not read: %s", id, e.getMessage());
            return outcome.withUsageError(e.getMessage(), ledger.recordUsageUnread(id, now), !withHours);
        }
        String problem = usage.failureSummary();
        return write(progress, id, "its usage", () -> {
            storeUsage(collector, usage, now, storedUsage);
            if (problem != null) {
                LOG.warnf("vendor %s: usage not read completely: %s", id, problem);
                return outcome.withUsageError(problem, ledger.recordUsageUnread(id, now),
                        !withHours || usage.hourlyRead());
            }
            return outcome;
        }, "the balance");
    }

    private static VendorOutcome write(Progress progress, String vendor, String what, Runnable write,
            VendorOutcome after, String next) {
        return write(progress, vendor, what, () -> {
            write.run();
            return after;
        }, next);
    }

    /**
     * One write the time budget does not cut short. A DynamoDB failure part way is this vendor's failure, naming
     * what was stored.
     */
    private static VendorOutcome write(Progress progress, String vendor, String what,
            java.util.function.Supplier<VendorOutcome> write, String next) {
        progress.beginWrite(vendor);
        VendorOutcome outcome = null;
        try {
            outcome = write.get();
            return outcome;
        } catch (Ledger.PartialWrite e) {
            throw new VendorException(vendor, "storing " + what, e.getMessage()
                    + "; the vendor's last success is unchanged, so it is read again next run");
        } catch (SdkException e) {
            throw new VendorException(vendor, "storing " + what, "DynamoDB failed: " + e.getMessage()
                    + "; the vendor's last success is unchanged, so it is read again next run");
        } finally {
            progress.endWrite(outcome, next);
        }
    }

    /**
     * Fails when the answer has no day at all where there should be some: the vendor sends a bucket for every day
     * (so none is a glitch), or spend is stored for those days (so "no spend" would silently wipe the picture).
     * Either way nothing is written and the vendor stays as stale as it was.
     */
    private static void requireSomeDays(VendorCollector collector, List<DailyCost> days,
            Map<LocalDate, DropGuard.Stored> stored, LocalDate from, LocalDate toExclusive) {
        if (!days.isEmpty() || !from.isBefore(toExclusive)) {
            return;
        }
        String window = from + " to " + toExclusive.minusDays(1);
        if (collector.reportsEveryDay()) {
            throw new VendorException(collector.id(), "collect", "answered without a single day for " + window
                    + ", although it reports every day, spend or not; nothing stored, not counted as a refresh");
        }
        BigDecimal storedUsd = stored.values().stream().map(DropGuard.Stored::totalUsd)
                .filter(usd -> usd.signum() > 0).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (storedUsd.signum() > 0) {
            throw new VendorException(collector.id(), "collect", "answered with no spend at all for " + window
                    + ", although $" + storedUsd.setScale(2, java.math.RoundingMode.HALF_UP)
                    + " is stored for those days; the stored days are kept, not counted as a refresh");
        }
    }

    /** Hourly usage is read for the same days as the cost, but at most the last {@value #HOURLY_DAYS} days. */
    private static Instant hourlyFrom(LocalDate from, LocalDate today) {
        LocalDate earliest = today.minusDays(HOURLY_DAYS);
        return (from.isBefore(earliest) ? earliest : from).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Daily counts go beside the stored days, keeping the stored lines of kinds whose endpoint failed; each hour
     * becomes an hourly point priced at list price.
     */
    private void storeUsage(VendorCollector collector, Usage usage, Instant now,
            Map<LocalDate, Ledger.StoredUsage> storedUsage) {
        Map<LocalDate, List<UsageLine>> daily = new java.util.TreeMap<>(usage.daily());
        if (!usage.failedKinds().isEmpty()) {
            daily.replaceAll((day, lines) -> {
                List<UsageLine> merged = new ArrayList<>(lines);
                ledger.usageLines(collector.id(), day).stream()
                        .filter(line -> usage.failedKinds().contains(line.kind())).forEach(merged::add);
                return merged;
            });
        }
        ledger.putUsage(collector.id(), daily, now, storedUsage);
        Map<LocalDate, List<HourlyPoint>> hourly = new java.util.TreeMap<>();
        usage.hoursByDay().forEach((day, hours) -> hourly.put(day, hours.entrySet().stream()
                .map(hour -> point(collector.id(), hour.getKey(), hour.getValue())).toList()));
        ledger.putHourly(collector.id(), hourly);
        LOG.infof("vendor %s: stored usage of %d day(s) and %d hour(s)", collector.id(), usage.daily().size(),
                usage.hourly().size());
    }

    private HourlyPoint point(String vendor, Instant hour, List<UsageLine> lines) {
        BigDecimal usd = lines.stream().map(line -> prices.estimateUsd(vendor, line))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        UsageTotals totals = UsageTotals.of(lines);
        return new HourlyPoint(hour, usd, totals.inputTokens(), totals.outputTokens(), totals.requests());
    }

    /**
     * The trailing days every run re-pulls; back to the last success when runs were missed; and, on a vendor's
     * first run, the history months the forecast needs.
     */
    private LocalDate windowStart(java.util.Optional<Instant> lastSuccess, LocalDate today) {
        LocalDate historyStart = YearMonth.from(today).minusMonths(config.historyMonths()).atDay(1);
        LocalDate trailing = today.minusDays(config.trailingDays());
        LocalDate from = lastSuccess
                .map(last -> last.atZone(ZoneOffset.UTC).toLocalDate())
                .map(lastDay -> lastDay.isBefore(trailing) ? lastDay : trailing)
                .orElse(historyStart);
        return from.isBefore(historyStart) ? historyStart : from;
    }

    private static String format(Duration duration) {
        return duration.toSeconds() + "s";
    }
}
