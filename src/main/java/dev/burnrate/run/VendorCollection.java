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
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;
import dev.burnrate.ledger.DailySnapshot;
import dev.burnrate.ledger.HourlyPoint;
import dev.burnrate.ledger.UsageTotals;
import dev.burnrate.ledger.Ledger;
import dev.burnrate.vendor.DailyCost;
import dev.burnrate.vendor.TokenPrices;
import dev.burnrate.vendor.Usage;
import dev.burnrate.vendor.UsageLine;
import dev.burnrate.vendor.VendorCollector;
import dev.burnrate.vendor.VendorException;

/**
 * Collects every vendor that has a key, in parallel and each within its time budget, and upserts what it
 * got. A vendor's expected failure is recorded and the others go on; nothing of a failed vendor is written.
 */
@ApplicationScoped
class VendorCollection {

    private static final Logger LOG = Logger.getLogger(VendorCollection.class);

    private final List<VendorCollector> collectors;
    private final Ledger ledger;
    private final BurnrateConfig.Collect config;
    private final TokenPrices prices = TokenPrices.shipped();
    /** Days of hourly usage read at most: a vendor's first run gives the runaway detector a week to compare with. */
    static final int HOURLY_DAYS = 7;

    VendorCollection(@Any Instance<VendorCollector> collectors, Ledger ledger, BurnrateConfig config) {
        this.collectors = collectors.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        this.ledger = ledger;
        this.config = config.collect();
    }

    List<VendorCollector> collectors() {
        return collectors;
    }

    List<VendorOutcome> collectAll(Secrets keys, Instant now) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, collectors.size()), runnable -> {
            Thread thread = new Thread(runnable, "burnrate-collect");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<VendorOutcome>> futures = new ArrayList<>();
            List<AtomicReference<VendorOutcome>> costsStored = new ArrayList<>();
            for (VendorCollector collector : collectors) {
                AtomicReference<VendorOutcome> costStored = new AtomicReference<>();
                costsStored.add(costStored);
                futures.add(collector.configured(keys)
                        ? pool.submit(() -> timed(collector, () -> collect(collector, keys, now, costStored)))
                        : null);
            }
            long deadline = System.nanoTime() + config.vendorTimeout().toNanos();
            List<VendorOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < collectors.size(); i++) {
                outcomes.add(await(collectors.get(i), futures.get(i), deadline, costsStored.get(i)));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The vendor's outcome, or its failure when it ran out of time; when the time ran out after its cost was
     * stored, that cost stands and only the usage is reported missing.
     */
    private VendorOutcome await(VendorCollector collector, Future<VendorOutcome> future, long deadline,
            AtomicReference<VendorOutcome> costStored) {
        if (future == null) {
            return new VendorOutcome(collector.id(), collector.displayName(), VendorOutcome.Status.NOT_CONFIGURED,
                    null, 0, null, 0);
        }
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            VendorOutcome stored = costStored.get();
            if (stored != null) {
                String error = collector.id() + ": the cost is stored, but "
                        + (collector.reportsUsage() ? "usage" : "the balance") + " did not finish within "
                        + format(config.vendorTimeout());
                LOG.warn(error);
                Instant since = collector.reportsUsage() ? ledger.recordUsageUnread(collector.id(), stored.fetchedAt())
                        : null;
                return stored.withUsageError(error, since).took(config.vendorTimeout().toMillis());
            }
            return failed(collector, collector.id() + ": did not finish within " + format(config.vendorTimeout()))
                    .took(config.vendorTimeout().toMillis());
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
            outcome = failed(collector, e.getMessage());
        }
        return outcome.took(Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private VendorOutcome failed(VendorCollector collector, String error) {
        LOG.warnf("vendor %s failed: %s", collector.id(), error);
        return new VendorOutcome(collector.id(), collector.displayName(), VendorOutcome.Status.FAILED, error, 0,
                null, 0);
    }

    private VendorOutcome collect(VendorCollector collector, Secrets keys, Instant now,
            AtomicReference<VendorOutcome> costStored) {
        Ledger.VendorState state = ledger.vendorState(collector.id());
        java.util.Optional<Instant> last = state.lastSuccess();
        if (!collector.minInterval().isZero()) {
            if (last.isPresent() && Duration.between(last.get(), now).compareTo(collector.minInterval()) < 0) {
                LOG.infof("vendor %s: last collected %s, less than %s ago; using the stored days", collector.id(),
                        last.get(), collector.minInterval());
                return new VendorOutcome(collector.id(), collector.displayName(), VendorOutcome.Status.OK, null, 0,
                        last.get(), 0);
            }
        }
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate from = windowStart(last, today);
        LocalDate toExclusive = today.plusDays(1);
        List<DailyCost> days = collector.collect(keys, from, toExclusive);
        requireTimeLeft(collector, "collect");
        LocalDate provisionalFrom = today.minusDays(config.provisionalDays());
        List<DailySnapshot> snapshots = days.stream()
                .map(day -> new DailySnapshot(day, now, !day.day().isBefore(provisionalFrom)))
                .toList();
        ledger.putDays(snapshots);
        ledger.recordSuccess(collector.id(), now, from, toExclusive);
        LOG.infof("vendor %s: stored %d day(s) from %s", collector.id(), days.size(), from);
        VendorOutcome outcome = new VendorOutcome(collector.id(), collector.displayName(), VendorOutcome.Status.OK, null,
                days.size(), now, 0);
        costStored.set(outcome);
        if (collector.reportsUsage()) {
            try {
                Usage usage = collector.usage(keys, from, toExclusive, hourlyFrom(from, today));
                requireTimeLeft(collector, "usage");
                storeUsage(collector, usage, now);
                if (state.usageUnreadSince() != null) {
                    ledger.recordUsageRead(collector.id());
                }
            } catch (VendorException e) {
                // the cost is stored; usage that cannot be read leaves the stored usage as it was
                LOG.warnf("vendor %s: usage not read: %s", collector.id(), e.getMessage());
                outcome = outcome.withUsageError(e.getMessage(), ledger.recordUsageUnread(collector.id(), now));
            }
        }
        try {
            return collector.balanceUsd(keys).map(outcome::withBalance).orElse(outcome);
        } catch (VendorException e) {
            // the days are stored; a balance that cannot be read is logged, not a failed vendor
            LOG.warnf("vendor %s: balance not read: %s", collector.id(), e.getMessage());
            return outcome;
        }
    }

    /**
     * Stops before writing when the time budget ran out while a call that ignores interrupts was in flight: the
     * run has already reported the vendor without this part, so nothing of it is written now.
     */
    private static void requireTimeLeft(VendorCollector collector, String what) {
        if (Thread.currentThread().isInterrupted()) {
            throw new VendorException(collector.id(), what, "answered after its time budget; not stored");
        }
    }

    /** Hourly usage is read for the same days as the cost, but at most the last {@value #HOURLY_DAYS} days. */
    private static Instant hourlyFrom(LocalDate from, LocalDate today) {
        LocalDate earliest = today.minusDays(HOURLY_DAYS);
        return (from.isBefore(earliest) ? earliest : from).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Daily counts go beside the stored days; each hour becomes an hourly point priced at list price. */
    private void storeUsage(VendorCollector collector, Usage usage, Instant now) {
        ledger.putUsage(collector.id(), usage.daily(), now);
        usage.hoursByDay().forEach((day, hours) -> ledger.putHourly(collector.id(), day, hours.entrySet().stream()
                .map(hour -> point(collector.id(), hour.getKey(), hour.getValue())).toList()));
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
