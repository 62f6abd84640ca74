package dev.burnrate.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.burnrate.budget.AlertDecision;
import dev.burnrate.budget.Budget;
import dev.burnrate.budget.BudgetEvaluator;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.forecast.Forecaster;
import dev.burnrate.ledger.AlertStore;
import dev.burnrate.ledger.DailySnapshot;
import dev.burnrate.ledger.Ledger;
import dev.burnrate.notify.AlertComposer;
import dev.burnrate.notify.AlertContext;
import dev.burnrate.notify.AlertMessage;
import dev.burnrate.notify.Notifier;
import dev.burnrate.vendor.VendorCollector;

/** One check: collect, record, forecast, evaluate, notify, report. */
@ApplicationScoped
public class CheckService {

    private static final Logger LOG = Logger.getLogger(CheckService.class);

    private final VendorCollection collection;
    private final Ledger ledger;
    private final AlertStore alerts;
    private final AlertComposer composer;
    private final List<Notifier> notifiers;
    private final Clock clock;
    private final BurnrateConfig config;
    private final Budget budget;
    private final Forecaster forecaster = new Forecaster();
    private final BudgetEvaluator evaluator = new BudgetEvaluator();

    CheckService(VendorCollection collection, Ledger ledger, AlertStore alerts, AlertComposer composer,
            @Any Instance<Notifier> notifiers, Clock clock, BurnrateConfig config) {
        this.collection = collection;
        this.ledger = ledger;
        this.alerts = alerts;
        this.composer = composer;
        this.notifiers = notifiers.stream().sorted(Comparator.comparing(Notifier::channel)).toList();
        this.clock = clock;
        this.config = config;
        this.budget = new Budget("total", "All vendors", config.budget().monthlyUsd());
    }

    public CheckReport run(CheckEvent event, String requestId) {
        Instant runAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant asOf = event.asOf().orElse(runAt);
        if (asOf.isAfter(runAt)) {
            throw new InvalidEventException("Field 'asOf' is " + asOf + ", which is in the future; asOf replays "
                    + "a past instant.");
        }
        boolean replay = event.asOf().isPresent();
        LocalDate today = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        YearMonth month = YearMonth.from(today);

        List<VendorOutcome> outcomes = replay ? List.of() : collection.collectAll(asOf);

        List<DailySnapshot> snapshots = new ArrayList<>();
        for (int back = config.collect().historyMonths(); back >= 0; back--) {
            ledger.month(month.minusMonths(back)).stream()
                    .filter(s -> !s.cost().day().isAfter(today))
                    .forEach(snapshots::add);
        }
        NavigableMap<LocalDate, BigDecimal> totals = new TreeMap<>();
        Map<String, BigDecimal> vendorMonthToDate = new TreeMap<>();
        Map<String, Instant> vendorFetchedAt = new HashMap<>();
        for (DailySnapshot snapshot : snapshots) {
            totals.merge(snapshot.cost().day(), snapshot.cost().totalUsd(), BigDecimal::add);
            String vendor = snapshot.cost().vendor();
            vendorFetchedAt.merge(vendor, snapshot.fetchedAt(), (a, b) -> a.isAfter(b) ? a : b);
            if (YearMonth.from(snapshot.cost().day()).equals(month)) {
                vendorMonthToDate.merge(vendor, snapshot.cost().totalUsd(), BigDecimal::add);
            }
        }
        Forecast forecast = forecaster.forecast(totals, asOf, budget.monthlyUsd());
        List<AlertDecision> due = evaluator.evaluate(budget, forecast);

        List<CheckReport.VendorStatus> vendors = vendorStatuses(outcomes, vendorMonthToDate, vendorFetchedAt, replay);
        AlertContext context = new AlertContext(month, asOf, budget, forecast, vendors.stream()
                .map(v -> new AlertContext.VendorLine(displayName(v.vendor()), v.monthToDateUsd(), v.status(),
                        v.fetchedAt() == null ? null : Instant.parse(v.fetchedAt())))
                .toList());

        List<String> dueAlerts = new ArrayList<>();
        List<CheckReport.SentAlert> sent = new ArrayList<>();
        String runId = runAt + "#" + requestId;
        for (AlertDecision decision : due) {
            AlertStore.AlertKey key = new AlertStore.AlertKey(month, decision.budget().id(),
                    decision.kind().wireName(), decision.level());
            if (replay || event.dryRun()) {
                if (!alerts.isClaimed(key)) {
                    dueAlerts.add(decision.kind().wireName());
                }
                continue;
            }
            if (!alerts.claim(key, runId, runAt, decision.valueUsd())) {
                continue;
            }
            dueAlerts.add(decision.kind().wireName());
            sent.addAll(send(key, runId, runAt, composer.compose(decision, context)));
        }

        if (!replay) {
            Map<String, String> vendorLog = new LinkedHashMap<>();
            outcomes.forEach(o -> vendorLog.put(o.vendor(), o.status().wireName()
                    + (o.error() == null ? "" : ": " + o.error())));
            ledger.recordRun(runAt, requestId, outcomeSummary(outcomes, sent), vendorLog);
        }
        return new CheckReport(runAt.toString(), asOf.toString(), month.toString(), event.trigger(),
                event.dryRun() || replay, vendors, forecast.monthToDateUsd(), rounded(vendorMonthToDate),
                money(budget.monthlyUsd()), new CheckReport.ForecastView(forecast.p50Usd(), forecast.p90Usd(),
                        forecast.dailyRateUsd(), forecast.crossingDate() == null ? null
                                : forecast.crossingDate().toString(), forecast.note()),
                dueAlerts, sent);
    }

    /**
     * Sends through every enabled channel. The alert counts as sent when at least one channel took it; when
     * all failed the claim is released so the next run tries again.
     */
    private List<CheckReport.SentAlert> send(AlertStore.AlertKey key, String runId, Instant now,
            AlertMessage message) {
        List<CheckReport.SentAlert> results = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        for (Notifier notifier : notifiers) {
            if (!notifier.enabled()) {
                continue;
            }
            try {
                String messageId = notifier.send(message);
                delivered.add(notifier.channel());
                results.add(new CheckReport.SentAlert(key.kind(), notifier.channel(), messageId, null));
                LOG.infof("sent %s through %s (message id %s)", key.kind(), notifier.channel(), messageId);
            } catch (RuntimeException e) {
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.errorf("sending %s through %s failed: %s", key.kind(), notifier.channel(), error);
                results.add(new CheckReport.SentAlert(key.kind(), notifier.channel(), null, error));
            }
        }
        boolean anyChannel = notifiers.stream().anyMatch(Notifier::enabled);
        if (!delivered.isEmpty() || !anyChannel) {
            alerts.markSent(key, runId, now, delivered);
            if (!anyChannel) {
                LOG.warnf("%s is due but no notification channel is configured", key.kind());
            }
        } else {
            alerts.release(key, runId);
        }
        return results;
    }

    private List<CheckReport.VendorStatus> vendorStatuses(List<VendorOutcome> outcomes,
            Map<String, BigDecimal> monthToDate, Map<String, Instant> fetchedAt, boolean replay) {
        List<CheckReport.VendorStatus> statuses = new ArrayList<>();
        if (replay) {
            for (VendorCollector collector : collection.collectors()) {
                if (fetchedAt.containsKey(collector.id())) {
                    statuses.add(new CheckReport.VendorStatus(collector.id(), "stored", null, 0,
                            fetchedAt.get(collector.id()).toString(), money(monthToDate.get(collector.id()))));
                }
            }
            return statuses;
        }
        for (VendorOutcome outcome : outcomes) {
            Instant stored = Optional.ofNullable(outcome.fetchedAt()).orElse(fetchedAt.get(outcome.vendor()));
            statuses.add(new CheckReport.VendorStatus(outcome.vendor(), outcome.status().wireName(), outcome.error(),
                    outcome.daysFetched(), stored == null ? null : stored.toString(),
                    money(monthToDate.get(outcome.vendor()))));
        }
        return statuses;
    }

    private String displayName(String vendor) {
        return collection.collectors().stream().filter(c -> c.id().equals(vendor)).findFirst()
                .map(VendorCollector::displayName).orElse(vendor);
    }

    private static String outcomeSummary(List<VendorOutcome> outcomes, List<CheckReport.SentAlert> sent) {
        long failedVendors = outcomes.stream().filter(o -> o.status() == VendorOutcome.Status.FAILED).count();
        long failedSends = sent.stream().filter(s -> s.error() != null).count();
        return failedVendors == 0 && failedSends == 0 ? "ok"
                : "degraded: " + failedVendors + " vendor(s) failed, " + failedSends + " send(s) failed";
    }

    private static Map<String, BigDecimal> rounded(Map<String, BigDecimal> amounts) {
        Map<String, BigDecimal> rounded = new TreeMap<>();
        amounts.forEach((k, v) -> rounded.put(k, money(v)));
        return rounded;
    }

    private static BigDecimal money(BigDecimal amount) {
        return (amount == null ? BigDecimal.ZERO : amount).setScale(2, RoundingMode.HALF_UP);
    }
}
