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
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.burnrate.budget.AlertDecision;
import dev.burnrate.budget.AlertKey;
import dev.burnrate.budget.AlertPlanner;
import dev.burnrate.budget.AlertState;
import dev.burnrate.budget.Budget;
import dev.burnrate.budget.BudgetCheck;
import dev.burnrate.budget.BudgetSpec;
import dev.burnrate.budget.Thresholds;
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
import dev.burnrate.vendor.CostLine;
import dev.burnrate.vendor.VendorCollector;
import io.quarkus.runtime.StartupEvent;

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
    private final List<Budget> budgets;
    private final Forecaster forecaster = new Forecaster();
    private final BudgetCheck budgetCheck;
    private final AlertPlanner planner = new AlertPlanner();

    CheckService(VendorCollection collection, Ledger ledger, AlertStore alerts, AlertComposer composer,
            @Any Instance<Notifier> notifiers, Clock clock, BurnrateConfig config) {
        this.collection = collection;
        this.ledger = ledger;
        this.alerts = alerts;
        this.composer = composer;
        this.notifiers = notifiers.stream().sorted(Comparator.comparing(Notifier::channel)).toList();
        this.clock = clock;
        this.config = config;
        Map<String, String> vendorNames = collection.collectors().stream()
                .collect(Collectors.toMap(VendorCollector::id, VendorCollector::displayName));
        try {
            this.budgets = BudgetSpec.parse(config.budgets(), vendorNames);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("burnrate.budgets: " + e.getMessage(), e);
        }
        this.budgetCheck = new BudgetCheck(forecaster, new Thresholds(config.thresholds().actual(),
                config.thresholds().forecast(), config.thresholds().forecastBasis()));
    }

    /** Reads the budgets at start-up, so a bad budget fails the deployment's first start, not an hourly check. */
    void validateOnStart(@Observes StartupEvent start) {
        LOG.infof("budgets: %s", budgets.stream().map(b -> b.id() + "=" + b.monthlyUsd()).toList());
    }

    public CheckReport run(CheckEvent event, String requestId) {
        Instant runAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant asOf = event.asOf().orElse(runAt);
        if (asOf.isAfter(runAt)) {
            throw new InvalidEventException("Field 'asOf' is " + asOf + ", which is in the future; asOf replays "
                    + "a past instant.");
        }
        boolean replay = event.asOf().isPresent();
        boolean dryRun = event.dryRun() || replay;
        LocalDate today = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        YearMonth month = YearMonth.from(today);

        List<VendorOutcome> outcomes = replay ? List.of() : collection.collectAll(asOf);
        List<DailySnapshot> snapshots = storedDays(month, today);
        Map<String, BigDecimal> vendorMonthToDate = new TreeMap<>();
        Map<String, Instant> vendorFetchedAt = new HashMap<>();
        for (DailySnapshot snapshot : snapshots) {
            String vendor = snapshot.cost().vendor();
            vendorFetchedAt.merge(vendor, snapshot.fetchedAt(), (a, b) -> a.isAfter(b) ? a : b);
            if (YearMonth.from(snapshot.cost().day()).equals(month)) {
                vendorMonthToDate.merge(vendor, snapshot.cost().totalUsd(), BigDecimal::add);
            }
        }
        Optional<Budget> total = budgets.stream().filter(Budget::isTotal).findFirst();
        Forecast overall = forecaster.forecast(spend(snapshots, null), asOf,
                total.map(Budget::monthlyUsd).orElse(null));
        List<BudgetCheck.Outcome> checked = budgetCheck.evaluate(budgets, budget -> spend(snapshots, budget), asOf);
        List<AlertDecision> due = BudgetCheck.due(checked);

        List<CheckReport.VendorStatus> vendors = vendorStatuses(outcomes, vendorMonthToDate, vendorFetchedAt, replay);
        List<AlertDecision> claimed;
        List<CheckReport.SentAlert> sent = new ArrayList<>();
        String runId = runAt + "#" + requestId;
        AlertState state = alerts.forRun(runId, runAt);
        if (dryRun) {
            claimed = planner.preview(month, due, state);
        } else {
            AlertPlanner.Plan plan = planner.plan(month, due, state);
            claimed = plan.claimed();
            for (AlertDecision decision : plan.send()) {
                Forecast forecast = checked.stream().filter(o -> o.budget().equals(decision.budget())).findFirst()
                        .map(BudgetCheck.Outcome::forecast).orElse(overall);
                AlertContext context = new AlertContext(month, asOf, decision.budget(), forecast, vendors.stream()
                        .map(v -> new AlertContext.VendorLine(displayName(v.vendor()), v.monthToDateUsd(), v.status(),
                                v.fetchedAt() == null ? null : Instant.parse(v.fetchedAt())))
                        .toList());
                sent.addAll(send(AlertKey.of(month, decision), runId, runAt, composer.compose(decision, context)));
            }
        }

        if (!replay) {
            Map<String, String> vendorLog = new LinkedHashMap<>();
            outcomes.forEach(o -> vendorLog.put(o.vendor(), o.status().wireName()
                    + (o.error() == null ? "" : ": " + o.error())));
            ledger.recordRun(runAt, requestId, outcomeSummary(outcomes, sent), vendorLog);
        }
        List<CheckReport.BudgetStatus> budgetStatuses = checked.stream()
                .map(o -> new CheckReport.BudgetStatus(o.budget().id(), o.budget().name(), money(o.budget().monthlyUsd()),
                        o.forecast().monthToDateUsd(), view(o.forecast()), claimed.stream()
                                .filter(d -> d.budget().equals(o.budget())).map(AlertDecision::kind).toList()))
                .toList();
        return new CheckReport(runAt.toString(), asOf.toString(), month.toString(), event.trigger(), dryRun, vendors,
                overall.monthToDateUsd(), rounded(vendorMonthToDate), total.map(b -> money(b.monthlyUsd())).orElse(null),
                view(overall), budgetStatuses, sent);
    }

    /** Snapshots of the current month and the history months, up to today. */
    private List<DailySnapshot> storedDays(YearMonth month, LocalDate today) {
        List<DailySnapshot> snapshots = new ArrayList<>();
        for (int back = config.collect().historyMonths(); back >= 0; back--) {
            ledger.month(month.minusMonths(back)).stream()
                    .filter(s -> !s.cost().day().isAfter(today))
                    .forEach(snapshots::add);
        }
        return snapshots;
    }

    /** Daily spend that counts against {@code budget}; all spend when it is null. */
    private static NavigableMap<LocalDate, BigDecimal> spend(List<DailySnapshot> snapshots, Budget budget) {
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (DailySnapshot snapshot : snapshots) {
            String vendor = snapshot.cost().vendor();
            if (budget != null && !budget.covers(vendor, budget.project())) {
                continue;
            }
            BigDecimal usd = budget == null || budget.project() == null ? snapshot.cost().totalUsd()
                    : snapshot.cost().lines().stream().filter(l -> budget.covers(vendor, l.project()))
                            .map(CostLine::amountUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
            days.merge(snapshot.cost().day(), usd, BigDecimal::add);
        }
        return days;
    }

    /**
     * Sends through every enabled channel. The alert counts as sent when at least one channel took it; when
     * all failed the claim is released so the next run tries again.
     */
    private List<CheckReport.SentAlert> send(AlertKey key, String runId, Instant now, AlertMessage message) {
        List<CheckReport.SentAlert> results = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        for (Notifier notifier : notifiers) {
            if (!notifier.enabled()) {
                continue;
            }
            try {
                String messageId = notifier.send(message);
                delivered.add(notifier.channel());
                results.add(new CheckReport.SentAlert(key.kind(), key.budget(), notifier.channel(), messageId, null));
                LOG.infof("sent %s for budget %s through %s (message id %s)", key.kind(), key.budget(),
                        notifier.channel(), messageId);
            } catch (RuntimeException e) {
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.errorf("sending %s for budget %s through %s failed: %s", key.kind(), key.budget(),
                        notifier.channel(), error);
                results.add(new CheckReport.SentAlert(key.kind(), key.budget(), notifier.channel(), null, error));
            }
        }
        boolean anyChannel = notifiers.stream().anyMatch(Notifier::enabled);
        if (!delivered.isEmpty() || !anyChannel) {
            alerts.markSent(key, runId, now, delivered);
            if (!anyChannel) {
                LOG.warnf("%s is due for budget %s but no notification channel is configured", key.kind(),
                        key.budget());
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

    private static CheckReport.ForecastView view(Forecast forecast) {
        return new CheckReport.ForecastView(forecast.p50Usd(), forecast.p90Usd(), forecast.dailyRateUsd(),
                forecast.crossingDate() == null ? null : forecast.crossingDate().toString(), forecast.note());
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
