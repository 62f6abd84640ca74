package dev.burnrate.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
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
import dev.burnrate.budget.Trigger;
import dev.burnrate.budget.VendorEpisode;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.SecretStore;
import dev.burnrate.config.Secrets;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.forecast.Forecaster;
import dev.burnrate.forecast.RunawayDetector;
import dev.burnrate.insight.Insights;
import dev.burnrate.ledger.AlertStore;
import dev.burnrate.ledger.DailySnapshot;
import dev.burnrate.ledger.Ledger;
import dev.burnrate.ledger.UsageTotals;
import dev.burnrate.notify.AlertComposer;
import dev.burnrate.notify.AlertContext;
import dev.burnrate.notify.AlertMessage;
import dev.burnrate.notify.Notifier;
import dev.burnrate.vendor.CostLine;
import dev.burnrate.vendor.DailyCost;
import dev.burnrate.vendor.VendorCollector;
import io.quarkus.runtime.StartupEvent;

/** One check: collect, record, forecast, evaluate, notify, report. */
@ApplicationScoped
public class CheckService {

    private static final Logger LOG = Logger.getLogger(CheckService.class);

    private final VendorCollection collection;
    private final SecretStore secretStore;
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
    private final Insights insights = new Insights();
    private final RunawayDetector runawayDetector = new RunawayDetector();
    /** Days of hourly points the runaway detector reads: its four weeks of baseline and the current week. */
    static final int RUNAWAY_DAYS = 35;

    CheckService(VendorCollection collection, SecretStore secretStore, Ledger ledger, AlertStore alerts, AlertComposer composer,
            @Any Instance<Notifier> notifiers, Clock clock, BurnrateConfig config) {
        this.collection = collection;
        this.secretStore = secretStore;
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
        config.channels().digestHourUtc().filter(h -> h < 0 || h > 23).ifPresent(h -> {
            throw new IllegalStateException("burnrate.notify.digest-hour-utc must be an hour from 0 to 23, got " + h);
        });
    }

    /** Reads the budgets at start-up, so a bad budget fails the deployment's first start, not an hourly check. */
    void validateOnStart(@Observes StartupEvent start) {
        LOG.infof("budgets: %s", budgets.stream().map(b -> b.id() + "=" + b.monthlyUsd()).toList());
    }

    /** What one run knows once the figures are in. */
    private record Picture(YearMonth month, Instant asOf, List<DailySnapshot> snapshots,
            Map<String, BigDecimal> monthToDate,
            List<CheckReport.VendorStatus> vendors, Map<String, Instant> lastSuccess,
            Map<String, RunawayDetector.Finding> runaways) {
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

        Secrets secrets = replay ? Secrets.none() : secretStore.load();
        long collectStarted = System.nanoTime();
        List<VendorOutcome> outcomes = replay ? List.of() : collection.collectAll(secrets, asOf);
        long collectMs = Duration.ofNanos(System.nanoTime() - collectStarted).toMillis();
        Picture picture = picture(month, asOf, today, outcomes, replay);

        Optional<Budget> total = budgets.stream().filter(Budget::isTotal).findFirst();
        Forecast overall = forecaster.forecast(spend(picture.snapshots(), null), asOf,
                total.map(Budget::monthlyUsd).orElse(null));
        List<BudgetCheck.Outcome> checked = budgetCheck.evaluate(budgets, b -> spend(picture.snapshots(), b), asOf);
        List<AlertDecision> due = new ArrayList<>(BudgetCheck.due(checked));
        Set<AlertKey> holding = new HashSet<>(BudgetCheck.holding(month, checked));
        for (AlertDecision stale : staleDecisions(picture)) {
            due.add(stale);
            holding.add(AlertKey.of(month, stale));
        }
        for (AlertDecision runaway : runawayDecisions(picture)) {
            due.add(runaway);
            holding.add(AlertKey.of(month, runaway));
        }
        for (AlertDecision unread : usageUnreadDecisions(outcomes, asOf)) {
            due.add(unread);
            holding.add(AlertKey.of(month, unread));
        }

        String runId = runAt + "#" + requestId;
        AlertState state = alerts.forRun(runId, runAt);
        // a vendor whose hours were not read this run has not shown that its runaway is over; a vendor that
        // failed altogether has not shown that its usage is read again
        Set<String> failed = outcomes.stream().filter(o -> o.status() == VendorOutcome.Status.FAILED)
                .map(VendorOutcome::vendor).collect(Collectors.toSet());
        Set<String> hoursUnread = outcomes.stream()
                .filter(o -> o.status() == VendorOutcome.Status.FAILED || o.usageError() != null)
                .map(VendorOutcome::vendor).collect(Collectors.toSet());
        state.alerts(month).keySet().forEach(key -> VendorEpisode.vendor(key.episode()).ifPresent(vendor -> {
            if ("runaway".equals(key.kind()) && hoursUnread.contains(vendor)
                    || "usage_unread".equals(key.kind()) && failed.contains(vendor)) {
                holding.add(key);
            }
        }));
        List<AlertDecision> claimed;
        List<CheckReport.SentAlert> sent = new ArrayList<>();
        if (dryRun) {
            claimed = planner.preview(month, due, state);
        } else {
            AlertPlanner.Plan plan = planner.plan(month, due, holding, state);
            claimed = plan.claimed();
            for (AlertDecision decision : plan.send()) {
                AlertMessage message = composer.compose(decision, context(picture, decision.budget(), checked));
                sent.addAll(sendClaimed(AlertKey.of(month, decision), runId, runAt, message, secrets));
            }
            for (AlertKey key : plan.recovered()) {
                Budget budget = budgetById(key.budget());
                sent.addAll(deliver(composer.recovered(key, context(picture, budget, checked)), secrets));
            }
            sent.addAll(digest(picture, checked, runId, runAt, secrets));
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
                                .filter(d -> d.budget().equals(o.budget()) && !d.trigger().episodic())
                                .map(AlertDecision::kind).toList()))
                .toList();
        return new CheckReport(runAt.toString(), asOf.toString(), month.toString(), event.trigger(), dryRun,
                picture.vendors(), overall.monthToDateUsd(), rounded(picture.monthToDate()), total.map(b -> money(b.monthlyUsd()))
                        .orElse(null), view(overall), budgetStatuses, sent, collectMs);
    }

    private Picture picture(YearMonth month, Instant asOf, LocalDate today, List<VendorOutcome> outcomes,
            boolean replay) {
        List<DailySnapshot> snapshots = new ArrayList<>();
        for (int back = config.collect().historyMonths(); back >= 0; back--) {
            ledger.month(month.minusMonths(back)).stream()
                    .filter(s -> !s.cost().day().isAfter(today))
                    .forEach(snapshots::add);
        }
        Map<String, BigDecimal> monthToDate = new TreeMap<>();
        Map<String, UsageTotals> usage = new HashMap<>();
        Map<String, Map<String, BigDecimal>> otherCurrencies = new HashMap<>();
        Map<String, Instant> fetchedAt = new HashMap<>();
        for (DailySnapshot snapshot : snapshots) {
            String vendor = snapshot.cost().vendor();
            fetchedAt.merge(vendor, snapshot.fetchedAt(), (a, b) -> a.isAfter(b) ? a : b);
            if (YearMonth.from(snapshot.cost().day()).equals(month)) {
                monthToDate.merge(vendor, snapshot.cost().totalUsd(), BigDecimal::add);
                if (snapshot.usage() != null) {
                    usage.merge(vendor, snapshot.usage(), UsageTotals::plus);
                }
                snapshot.cost().otherCurrencies().forEach((currency, amount) -> otherCurrencies
                        .computeIfAbsent(vendor, v -> new TreeMap<>()).merge(currency, amount, BigDecimal::add));
            }
        }
        otherCurrencies.forEach((vendor, amounts) -> LOG.warnf("vendor %s billed %s this month in other currencies; "
                + "they are stored and reported but not added to dollars", vendor, amounts));
        Map<String, Instant> lastSuccess = new HashMap<>();
        Map<String, RunawayDetector.Finding> runaways = runaways(asOf, today);
        List<CheckReport.VendorStatus> statuses = new ArrayList<>();
        if (replay) {
            for (VendorCollector collector : collection.collectors()) {
                if (fetchedAt.containsKey(collector.id())) {
                    statuses.add(new CheckReport.VendorStatus(collector.id(), "stored", null, 0,
                            fetchedAt.get(collector.id()).toString(), money(monthToDate.get(collector.id())), false, 0,
                            otherCurrencies.getOrDefault(collector.id(), Map.of()), null,
                            usageView(usage.get(collector.id())), null, runawayView(runaways.get(collector.id()))));
                }
            }
            return new Picture(month, asOf, snapshots, monthToDate, statuses, lastSuccess, runaways);
        }
        for (VendorOutcome outcome : outcomes) {
            if (outcome.status() == VendorOutcome.Status.OK) {
                lastSuccess.put(outcome.vendor(), outcome.fetchedAt());
            } else if (outcome.status() == VendorOutcome.Status.FAILED) {
                ledger.lastSuccess(outcome.vendor()).ifPresent(at -> lastSuccess.put(outcome.vendor(), at));
            }
            Instant last = lastSuccess.get(outcome.vendor());
            boolean stale = last != null && Duration.between(last, asOf).compareTo(config.collect().staleAfter()) > 0;
            Instant shown = Optional.ofNullable(outcome.fetchedAt()).orElse(fetchedAt.get(outcome.vendor()));
            statuses.add(new CheckReport.VendorStatus(outcome.vendor(), outcome.status().wireName(), outcome.error(),
                    outcome.daysFetched(), shown == null ? null : shown.toString(),
                    money(monthToDate.get(outcome.vendor())), stale, outcome.tookMs(),
                    otherCurrencies.getOrDefault(outcome.vendor(), Map.of()),
                    outcome.balanceUsd() == null ? null : money(outcome.balanceUsd()),
                    usageView(usage.get(outcome.vendor())), outcome.usageError(),
                    runawayView(runaways.get(outcome.vendor()))));
        }
        return new Picture(month, asOf, snapshots, monthToDate, statuses, lastSuccess, runaways);
    }

    /**
     * Runs the runaway detector over each usage-reporting vendor's stored hourly points (five weeks: the baseline
     * looks four weeks back).
     */
    private Map<String, RunawayDetector.Finding> runaways(Instant asOf, LocalDate today) {
        Map<String, RunawayDetector.Finding> findings = new TreeMap<>();
        Instant complete = asOf.truncatedTo(ChronoUnit.HOURS);
        for (VendorCollector collector : collection.collectors()) {
            if (!collector.reportsUsage()) {
                continue;
            }
            NavigableMap<Instant, BigDecimal> hours = ledger.hourly(collector.id(), today.minusDays(RUNAWAY_DAYS), today)
                    .headMap(complete, false);
            runawayDetector.evaluate(hours, asOf).ifPresent(finding -> {
                findings.put(collector.id(), finding);
                LOG.warnf("vendor %s is running away: %s estimated in the hour before %s against a usual %s, since %s",
                        collector.id(), money(finding.hourUsd()), complete, money(finding.baselineUsd()),
                        finding.startedAt());
            });
        }
        return findings;
    }

    /**
     * One {@code usage_unread} alert per vendor whose usage has not been read for longer than the stale-after
     * time (named by when it was first missed): its runaway alarm is off.
     */
    private List<AlertDecision> usageUnreadDecisions(List<VendorOutcome> outcomes, Instant asOf) {
        List<AlertDecision> due = new ArrayList<>();
        for (VendorOutcome outcome : outcomes) {
            Instant since = outcome.usageUnreadSince();
            if (since != null && Duration.between(since, asOf).compareTo(config.collect().staleAfter()) > 0) {
                due.add(new AlertDecision(Trigger.USAGE_UNREAD, budgetFor(outcome.vendor()), 0, BigDecimal.ZERO,
                        BigDecimal.ZERO, VendorEpisode.of(outcome.vendor(), since)));
            }
        }
        return due;
    }

    /** One {@code runaway} alert per vendor and episode (named by the episode's first hour). */
    private List<AlertDecision> runawayDecisions(Picture picture) {
        List<AlertDecision> due = new ArrayList<>();
        picture.runaways().forEach((vendor, finding) -> due.add(new AlertDecision(Trigger.RUNAWAY, budgetFor(vendor), 0,
                finding.hourUsd(), finding.baselineUsd(), VendorEpisode.of(vendor, finding.startedAt()))));
        return due;
    }

    private static CheckReport.UsageView usageView(UsageTotals usage) {
        return usage == null ? null : new CheckReport.UsageView(usage.inputTokens(), usage.cachedInputTokens(),
                usage.outputTokens(), usage.requests());
    }

    private static CheckReport.RunawayView runawayView(RunawayDetector.Finding finding) {
        return finding == null ? null : new CheckReport.RunawayView(finding.startedAt().toString(),
                money(finding.hourUsd()), money(finding.baselineUsd()));
    }

    /** One {@code stale_data} alert per vendor and stale spell (the spell is named by the last success). */
    private List<AlertDecision> staleDecisions(Picture picture) {
        List<AlertDecision> stale = new ArrayList<>();
        for (CheckReport.VendorStatus vendor : picture.vendors()) {
            if (vendor.stale()) {
                stale.add(new AlertDecision(Trigger.STALE_DATA, budgetFor(vendor.vendor()), 0, vendor.monthToDateUsd(),
                        BigDecimal.ZERO, VendorEpisode.of(vendor.vendor(), picture.lastSuccess().get(vendor.vendor()))));
            }
        }
        return stale;
    }

    /** The budget a vendor-wide alert belongs to: the vendor's own, else the total, else the first. */
    private Budget budgetFor(String vendor) {
        return budgets.stream().filter(b -> vendor.equals(b.vendor()) && b.project() == null).findFirst()
                .or(() -> budgets.stream().filter(Budget::isTotal).findFirst())
                .orElse(budgets.get(0));
    }

    private Budget budgetById(String id) {
        return budgets.stream().filter(b -> b.id().equals(id)).findFirst().orElse(budgets.get(0));
    }

    /** Once a day at the configured hour: the month so far for the total budget (or the first). */
    private List<CheckReport.SentAlert> digest(Picture picture, List<BudgetCheck.Outcome> checked, String runId,
            Instant runAt, Secrets secrets) {
        Optional<Integer> hour = config.channels().digestHourUtc();
        if (hour.isEmpty() || picture.asOf().atZone(ZoneOffset.UTC).getHour() != hour.get()) {
            return List.of();
        }
        Budget budget = budgets.stream().filter(Budget::isTotal).findFirst().orElse(budgets.get(0));
        LocalDate day = picture.asOf().atZone(ZoneOffset.UTC).toLocalDate();
        AlertKey key = new AlertKey(picture.month(), budget.id(), AlertKey.DIGEST, 0, day.toString());
        Forecast forecast = checked.stream().filter(o -> o.budget().equals(budget)).findFirst().orElseThrow().forecast();
        if (!alerts.claim(key, runId, runAt, forecast.monthToDateUsd(), true)) {
            return List.of();
        }
        return sendClaimed(key, runId, runAt, composer.digest(context(picture, budget, checked)), secrets);
    }

    private AlertContext context(Picture picture, Budget budget, List<BudgetCheck.Outcome> checked) {
        Forecast forecast = checked.stream().filter(o -> o.budget().equals(budget)).findFirst()
                .map(BudgetCheck.Outcome::forecast)
                .orElseGet(() -> forecaster.forecast(spend(picture.snapshots(), budget), picture.asOf(), null));
        NavigableMap<LocalDate, BigDecimal> days = spend(picture.snapshots(), budget);
        List<BigDecimal> daily = new ArrayList<>();
        LocalDate today = picture.asOf().atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate d = picture.month().atDay(1); !d.isAfter(today); d = d.plusDays(1)) {
            daily.add(days.getOrDefault(d, BigDecimal.ZERO));
        }
        List<DailyCost> covered = picture.snapshots().stream().map(s -> covered(s.cost(), budget))
                .filter(c -> !c.lines().isEmpty()).toList();
        List<AlertContext.VendorLine> vendors = picture.vendors().stream()
                .map(v -> new AlertContext.VendorLine(v.vendor(), displayName(v.vendor()), v.monthToDateUsd(),
                        v.status(), v.fetchedAt() == null ? null : Instant.parse(v.fetchedAt()), v.stale()))
                .toList();
        return new AlertContext(picture.month(), picture.asOf(), budget, forecast, vendors, daily,
                insights.analyse(covered, today));
    }

    /** The part of a vendor's day that counts against {@code budget}. */
    private static DailyCost covered(DailyCost cost, Budget budget) {
        if (!budget.covers(cost.vendor(), budget.project())) {
            return new DailyCost(cost.vendor(), cost.day(), List.of());
        }
        if (budget.project() == null) {
            return cost;
        }
        return new DailyCost(cost.vendor(), cost.day(),
                cost.lines().stream().filter(l -> budget.covers(cost.vendor(), l.project())).toList());
    }

    /** Daily spend that counts against {@code budget}; all spend when it is null. */
    private static NavigableMap<LocalDate, BigDecimal> spend(List<DailySnapshot> snapshots, Budget budget) {
        NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
        for (DailySnapshot snapshot : snapshots) {
            DailyCost cost = budget == null ? snapshot.cost() : covered(snapshot.cost(), budget);
            if (budget == null || budget.covers(cost.vendor(), budget.project())) {
                days.merge(cost.day(), cost.lines().stream().map(CostLine::amountUsd)
                        .reduce(BigDecimal.ZERO, BigDecimal::add), BigDecimal::add);
            }
        }
        return days;
    }

    /**
     * Sends a claimed alert through every enabled channel. It counts as sent when at least one channel took it;
     * when all failed the claim is released so the next run tries again.
     */
    private List<CheckReport.SentAlert> sendClaimed(AlertKey key, String runId, Instant now, AlertMessage message,
            Secrets secrets) {
        List<CheckReport.SentAlert> results = deliver(message, secrets);
        List<String> delivered = results.stream().filter(r -> r.error() == null).map(CheckReport.SentAlert::channel)
                .toList();
        boolean anyChannel = notifiers.stream().anyMatch(n -> n.enabled(secrets));
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

    /** Delivers a message through every enabled channel; a failing channel does not stop the others. */
    private List<CheckReport.SentAlert> deliver(AlertMessage message, Secrets secrets) {
        List<CheckReport.SentAlert> results = new ArrayList<>();
        for (Notifier notifier : notifiers) {
            if (!notifier.enabled(secrets)) {
                continue;
            }
            try {
                String messageId = notifier.send(message, secrets);
                results.add(new CheckReport.SentAlert(message.kind(), message.budgetId(), notifier.channel(),
                        messageId, null));
                LOG.infof("sent %s for budget %s through %s (message id %s)", message.kind(), message.budgetId(),
                        notifier.channel(), messageId);
            } catch (RuntimeException e) {
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.errorf("sending %s for budget %s through %s failed: %s", message.kind(), message.budgetId(),
                        notifier.channel(), error);
                results.add(new CheckReport.SentAlert(message.kind(), message.budgetId(), notifier.channel(), null,
                        error));
            }
        }
        return results;
    }

    private static Map<String, BigDecimal> rounded(Map<String, BigDecimal> amounts) {
        Map<String, BigDecimal> rounded = new TreeMap<>();
        amounts.forEach((vendor, usd) -> rounded.put(vendor, money(usd)));
        return rounded;
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

    private static BigDecimal money(BigDecimal amount) {
        return (amount == null ? BigDecimal.ZERO : amount).setScale(2, RoundingMode.HALF_UP);
    }
}
