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

import org.jboss.logging.Logger;

import dev.burnrate.alert.AlertDecision;
import dev.burnrate.alert.AlertEngine;
import dev.burnrate.alert.AlertKey;
import dev.burnrate.alert.AlertState;
import dev.burnrate.alert.BudgetCheck;
import dev.burnrate.alert.RunawayEpisode;
import dev.burnrate.alert.RunawayTracker;
import dev.burnrate.budget.Budget;
import dev.burnrate.budget.BudgetSpec;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.SecretStore;
import dev.burnrate.config.Secrets;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.forecast.Forecaster;
import dev.burnrate.forecast.RunawayDetector;
import dev.burnrate.forecast.SpendForecaster;
import dev.burnrate.insight.Insights;
import dev.burnrate.ledger.DailySnapshot;
import dev.burnrate.ledger.Ledger;
import dev.burnrate.ledger.UsageTotals;
import dev.burnrate.notify.AlertContext;
import dev.burnrate.notify.Dispatcher;
import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;
import dev.burnrate.provider.VendorCollector;
import io.quarkus.runtime.StartupEvent;

/**
 * One check as a page of stage calls: collect, record, forecast, decide ({@link AlertEngine}), deliver
 * ({@link Dispatcher}), report.
 */
@ApplicationScoped
public class CheckService {

    private static final Logger LOG = Logger.getLogger(CheckService.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper STATUS_JSON = new com.fasterxml.jackson.databind
            .ObjectMapper().enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    /** Days of hourly points the runaway detector reads: its four weeks of baseline and the current week. */
    static final int RUNAWAY_DAYS = 35;
    /** The most hours a runaway episode catches up after missed runs: two days, well inside the hours read. */
    static final int CATCH_UP_HOURS = 48;
    /**
     * Months this far back or further are read from their summaries: the previous month is read in full, as the
     * drivers in messages compare the last four weeks line by line.
     */
    static final int SUMMARISED_BACK = 2;

    private final VendorCollection collection;
    private final SecretStore secretStore;
    private final Ledger ledger;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final BurnrateConfig config;
    private final Forecaster forecaster = new Forecaster();
    private final AlertEngine engine;
    private final Insights insights = new Insights();
    private final SpendMetrics metrics;
    private final PulseCollection pulses;
    private final ContainmentService containment;

    CheckService(VendorCollection collection, SecretStore secretStore, Ledger ledger, Dispatcher dispatcher, Clock clock,
            BurnrateConfig config, SpendMetrics metrics, PulseCollection pulses, ContainmentService containment) {
        this.metrics = metrics;
        this.containment = containment;
        this.pulses = pulses;
        this.collection = collection;
        this.secretStore = secretStore;
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.config = config;
        Map<String, String> vendorNames = collection.collectors().stream()
                .collect(Collectors.toMap(VendorCollector::id, VendorCollector::displayName));
        List<Budget> budgets;
        try {
            budgets = BudgetSpec.parse(config.budgets(), vendorNames);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("burnrate.budgets: " + e.getMessage(), e);
        }
        this.engine = new AlertEngine(budgets, forecaster, config.thresholds().toThresholds(), settings(config));
    }

    /** The alert engine's settings from configuration; a bad value fails start-up with its name. */
    static AlertEngine.Settings settings(BurnrateConfig config) {
        BurnrateConfig.Runaway runaway = config.runaway();
        RunawayTracker.Settings episodes;
        try {
            episodes = new RunawayTracker.Settings(runaway.quietHours(), runaway.reminderEvery(), runaway.acceptAfter(),
                    CATCH_UP_HOURS);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("burnrate.runaway: " + e.getMessage(), e);
        }
        try {
            return new AlertEngine.Settings(config.collect().staleAfter(), config.channels().digestHourUtc(), episodes);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("burnrate.notify.digest-hour-utc: " + e.getMessage(), e);
        }
    }

    /** Reads the budgets at start-up, so a bad budget fails the deployment's first start, not an hourly check. */
    void validateOnStart(@Observes StartupEvent start) {
        LOG.infof("budgets: %s", engine.budgets().stream().map(b -> b.id() + "=" + b.monthlyUsd()).toList());
    }

    /** What one run knows once the figures are in. */
    private record Picture(YearMonth month, Instant asOf, List<DailySnapshot> snapshots,
            Map<String, BigDecimal> monthToDate, Map<String, UsageTotals> usage,
            Map<String, Map<String, BigDecimal>> otherCurrencies, Map<String, Instant> fetchedAt,
            Map<String, Instant> lastSuccess, Map<String, FigureNotes.Notes> notes) {

        FigureNotes.Notes notes(String vendor) {
            return notes.getOrDefault(vendor, FigureNotes.Notes.NONE);
        }
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
        YearMonth month = SpendForecaster.monthOf(asOf);

        Secrets secrets = replay ? Secrets.none() : secretStore.load();
        long collectStarted = System.nanoTime();
        List<VendorOutcome> outcomes = replay ? List.of() : collection.collectAll(secrets, asOf);
        long collectMs = Duration.ofNanos(System.nanoTime() - collectStarted).toMillis();
        Picture picture = picture(month, asOf, outcomes, replay);

        List<BudgetCheck.Outcome> checked = engine.evaluate(b -> spend(picture.snapshots(), b), asOf, month);
        if (!dryRun && config.pulse().enabled()) {
            measureBilledRates(secrets, picture, asOf);
        }
        List<AlertEngine.VendorView> vendors = vendorViews(picture, outcomes, replay);
        String runId = runAt + "#" + requestId;
        List<String> containedNow = replay ? List.of() : containment.containedNow();
        AlertState state = dispatcher.state(runId, runAt, budget -> withNotes(context(picture, budget, checked,
                outcomes, replay), containedNow));
        AlertState.Snapshot stored = state.read(AlertEngine.monthsRead(month),
                vendors.stream().map(AlertEngine.VendorView::vendor).toList());
        AlertEngine.Plan plan = engine.plan(new AlertEngine.Situation(asOf, month, checked, vendors), stored);
        Map<String, RunawayEpisode> runaways = openRunaways(stored, plan);
        List<AlertDecision> claimed;
        List<Dispatcher.Delivery> deliveries = List.of();
        List<ContainmentService.Line> contained = List.of();
        if (dryRun) {
            claimed = plan.claims().stream().map(AlertEngine.Claim::decision).toList();
            if (!replay) {
                contained = containment.afterCheck(wouldSend(plan), checked, picture.snapshots(), this::budgetFor,
                        this::displayName, secrets, runId, true);
            }
        } else {
            AlertEngine.Outcome done = engine.apply(plan, state);
            claimed = done.claimed();
            contained = containment.afterCheck(done.sent(), checked, picture.snapshots(), this::budgetFor,
                    this::displayName, secrets, runId, false);
            deliveries = dispatcher.deliver(secrets, runAt);
        }
        List<CheckReport.SentAlert> sent = deliveries.stream().map(d -> new CheckReport.SentAlert(d.kind(), d.budget(),
                d.channel(), d.messageId(), d.error())).toList();
        if (!replay) {
            Map<String, String> vendorLog = new LinkedHashMap<>();
            outcomes.forEach(o -> vendorLog.put(o.vendor(), o.status().wireName()
                    + (o.error() == null ? "" : ": " + o.error())));
            ledger.recordRun(runAt, requestId, outcomeSummary(outcomes, sent), vendorLog);
        }
        Optional<Budget> total = engine.budgets().stream().filter(Budget::isTotal).findFirst();
        Forecast overall = forecaster.forecast(spend(picture.snapshots(), null), asOf, month,
                total.map(Budget::monthlyUsd).orElse(null));
        List<CheckReport.BudgetStatus> budgetStatuses = checked.stream()
                .map(o -> new CheckReport.BudgetStatus(o.budget().id(), o.budget().name(), money(o.budget().monthlyUsd()),
                        o.forecast().monthToDateUsd(), view(o.forecast()),
                        o.due().stream().filter(claimed::contains).map(AlertDecision::wireName).toList(),
                        o.awaiting().stream().filter(d -> !active(stored, month, d)).map(AlertDecision::wireName)
                                .toList()))
                .toList();
        CheckReport report = new CheckReport(runAt.toString(), asOf.toString(), month.toString(), event.trigger(),
                dryRun, statuses(picture, outcomes, replay, runaways), overall.monthToDateUsd(),
                rounded(picture.monthToDate()), total.map(b -> money(b.monthlyUsd())).orElse(null), view(overall),
                budgetStatuses, sent, collectMs, contained);
        if (!replay) {
            metrics.write(report, recentDays(picture));
            recordStatus(report, picture);
        }
        return report;
    }

    /**
     * One pulse: each fast source read and stored ({@link PulseCollection}), runaways judged and their messages
     * sent through the same alert state as the hourly check ({@link AlertEngine#planPulse}). Nothing else is read
     * unless a message goes out (then the stored month, for its figures).
     */
    public PulseReport pulse(CheckEvent event, String requestId) {
        long started = System.nanoTime();
        Instant runAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        YearMonth month = SpendForecaster.monthOf(runAt);
        Secrets secrets = secretStore.load();
        List<PulseCollection.Read> reads = pulses.readAll(secrets, runAt);
        String runId = runAt + "#" + requestId;
        Picture[] picture = new Picture[1];
        AlertState state = dispatcher.state(runId, runAt, budget -> {
            if (picture[0] == null) {
                picture[0] = picture(month, runAt, List.of(), false);
            }
            Picture known = picture[0];
            List<BudgetCheck.Outcome> checked = engine.evaluate(b -> spend(known.snapshots(), b), runAt, month);
            AlertContext stored = context(known, budget, checked, List.of(), true);
            // a vendor the pulse reads but whose days are not stored yet is still named, not shown by its id
            List<AlertContext.VendorLine> lines = new ArrayList<>(stored.vendors());
            reads.stream().filter(r -> lines.stream().noneMatch(l -> l.id().equals(r.vendor())))
                    .forEach(r -> lines.add(new AlertContext.VendorLine(r.vendor(), displayName(r.vendor()),
                            BigDecimal.ZERO, "pulse", null, false)));
            return new AlertContext(stored.month(), stored.asOf(), stored.budget(), stored.forecast(), lines,
                    stored.dailySpend(), stored.findings(), stored.notes());
        });
        AlertState.Snapshot stored = state.read(AlertEngine.monthsRead(month),
                reads.stream().map(PulseCollection.Read::vendor).toList());
        AlertEngine.Plan plan = engine.planPulse(new AlertEngine.PulseSituation(runAt, month,
                config.pulse().unreadAfter(), reads.stream().map(PulseCollection.Read::view).toList()), stored);
        Map<String, RunawayEpisode> runaways = openRunaways(stored, plan);
        List<Dispatcher.Delivery> deliveries = List.of();
        List<ContainmentService.Line> contained = List.of();
        List<AlertDecision> opened = event.dryRun() ? wouldSend(plan) : engine.apply(plan, state).sent();
        if (containment.enabled() && opened.stream().anyMatch(d -> d.kind() == dev.burnrate.alert.AlertKind.RUNAWAY
                || d.kind() == dev.burnrate.alert.AlertKind.RUNAWAY_ESCALATION)) {
            if (picture[0] == null) {
                picture[0] = picture(month, runAt, List.of(), false);
            }
            contained = containment.afterCheck(opened, List.of(), picture[0].snapshots(), this::budgetFor,
                    this::displayName, secrets, runId, event.dryRun());
        }
        if (!event.dryRun()) {
            deliveries = dispatcher.deliver(secrets, runAt);
        }
        List<PulseReport.VendorPulse> vendors = reads.stream().map(r -> new PulseReport.VendorPulse(r.vendor(),
                r.error() == null ? "ok" : "failed", r.error(),
                r.view().unreadSince() == null ? null : r.view().unreadSince().toString(),
                r.lastHourUsd() == null ? null : money(r.lastHourUsd()),
                r.windowUsd() == null ? null : money(r.windowUsd()), runawayView(runaways.get(r.vendor())),
                r.notes())).toList();
        return new PulseReport(runAt.toString(), event.trigger(), event.dryRun(), vendors,
                deliveries.stream().map(d -> new CheckReport.SentAlert(d.kind(), d.budget(), d.channel(),
                        d.messageId(), d.error())).toList(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), contained);
    }

    /**
     * The pulse's billed rates, once a week; what a person should know of them joins the vendor's notes, which every
     * message of this check (the digest too) carries. A failure to store them is logged; the check goes on.
     */
    private void measureBilledRates(Secrets secrets, Picture picture, Instant asOf) {
        try {
            pulses.measureBilledRates(secrets, picture.snapshots(), asOf).forEach((vendor, said) -> {
                FigureNotes.Notes known = picture.notes(vendor);
                List<String> sentences = new ArrayList<>(known.sentences());
                sentences.addAll(said);
                picture.notes().put(vendor, new FigureNotes.Notes(known.held(), sentences));
            });
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            LOG.warnf("the pulse's billed rates were not measured (the next check tries again): %s", e.getMessage());
        }
    }

    /** Each vendor's spend yesterday and today, for the daily-spend metric. */
    private static Map<String, Map<LocalDate, BigDecimal>> recentDays(Picture picture) {
        LocalDate today = picture.asOf().atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, Map<LocalDate, BigDecimal>> days = new TreeMap<>();
        for (DailySnapshot snapshot : picture.snapshots()) {
            LocalDate day = snapshot.cost().day();
            if (day.equals(today) || day.equals(today.minusDays(1))) {
                days.computeIfAbsent(snapshot.cost().vendor(), v -> new TreeMap<>())
                        .merge(day, snapshot.cost().totalUsd(), BigDecimal::add);
            }
        }
        return days;
    }

    private Picture picture(YearMonth month, Instant asOf, List<VendorOutcome> outcomes, boolean replay) {
        LocalDate today = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        List<DailySnapshot> snapshots = new ArrayList<>();
        for (int back = config.collect().historyMonths(); back >= 0; back--) {
            YearMonth read = month.minusMonths(back);
            (replay ? ledger.month(read, asOf) : back >= SUMMARISED_BACK ? summarised(read) : ledger.month(read))
                    .stream().filter(s -> !s.cost().day().isAfter(today))
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
        Map<String, List<DailySnapshot>> byVendor = snapshots.stream()
                .filter(s -> YearMonth.from(s.cost().day()).equals(month))
                .collect(Collectors.groupingBy(s -> s.cost().vendor(), TreeMap::new, Collectors.toList()));
        Map<String, FigureNotes.Notes> notes = new TreeMap<>();
        byVendor.forEach((vendor, days) -> {
            FigureNotes.Notes vendorNotes = FigureNotes.of(days,
                    collector(vendor).map(VendorCollector::notInCostName).orElse(null),
                    config.collect().dropConfirmAfter());
            if (!vendorNotes.sentences().isEmpty()) {
                notes.put(vendor, vendorNotes);
                vendorNotes.sentences().forEach(sentence -> LOG.warnf("vendor %s: %s", vendor, sentence));
            }
        });
        Map<String, Instant> lastSuccess = new HashMap<>();
        for (VendorOutcome outcome : outcomes) {
            if (outcome.status() == VendorOutcome.Status.OK) {
                lastSuccess.put(outcome.vendor(), outcome.fetchedAt());
            } else if (outcome.status() == VendorOutcome.Status.FAILED) {
                ledger.lastSuccess(outcome.vendor()).ifPresent(at -> lastSuccess.put(outcome.vendor(), at));
            }
        }
        return new Picture(month, asOf, snapshots, monthToDate, usage, otherCurrencies, fetchedAt, lastSuccess, notes);
    }

    /**
     * A month before the previous one, from its summary item; the first check that needs it reads the month and
     * writes the summary (again after a day of it was written, or a project budget was added).
     */
    private List<DailySnapshot> summarised(YearMonth month) {
        java.util.Set<String> keep = engine.budgets().stream().filter(b -> b.vendor() != null && b.project() != null)
                .map(b -> b.vendor() + "/" + b.project()).collect(Collectors.toSet());
        return ledger.monthSummary(month, keep).orElseGet(() -> {
            List<DailySnapshot> days = ledger.month(month);
            try {
                ledger.putMonthSummary(month, days, keep);
            } catch (software.amazon.awssdk.core.exception.SdkException e) {
                LOG.warnf("the summary of %s was not stored (the next check reads the month again): %s", month,
                        e.getMessage());
            }
            return days;
        });
    }

    /**
     * What the engine is told of each vendor. A vendor that failed, or whose usage was not read this run, has not
     * shown anything about its runaway: its hours are not given, so its episode stays as it is. Nor are they for a
     * vendor the pulse reads (when the pulse is on): its episode is the pulse's.
     */
    private List<AlertEngine.VendorView> vendorViews(Picture picture, List<VendorOutcome> outcomes, boolean replay) {
        Map<String, VendorOutcome> byVendor = outcomes.stream().collect(Collectors.toMap(VendorOutcome::vendor, o -> o));
        List<AlertEngine.VendorView> views = new ArrayList<>();
        for (VendorCollector collector : collection.collectors()) {
            VendorOutcome outcome = byVendor.get(collector.id());
            if (outcome == null && !replay) {
                continue;
            }
            boolean failed = outcome != null && outcome.status() == VendorOutcome.Status.FAILED;
            boolean hoursRead = outcome == null || !failed && outcome.hoursRead();
            // a vendor the pulse reads has its runaways moved by the pulse alone, from its minute-grain source
            NavigableMap<Instant, BigDecimal> hours = collector.reportsUsage() && hoursRead
                    && !pulses.movesRunaways(collector) ? hours(collector.id(), picture.asOf()) : null;
            views.add(new AlertEngine.VendorView(collector.id(), failed, picture.lastSuccess().get(collector.id()),
                    picture.monthToDate().get(collector.id()), outcome == null ? null : outcome.usageUnreadSince(),
                    hours));
        }
        return views;
    }

    /** A vendor's stored hourly points for the runaway detector: five weeks, up to the last complete hour. */
    private NavigableMap<Instant, BigDecimal> hours(String vendor, Instant asOf) {
        LocalDate today = asOf.atZone(ZoneOffset.UTC).toLocalDate();
        return ledger.hourly(vendor, today.minusDays(RUNAWAY_DAYS), today)
                .headMap(asOf.truncatedTo(ChronoUnit.HOURS), false);
    }

    /** Each vendor's runaway episode that is open once this check's steps are taken. */
    private static Map<String, RunawayEpisode> openRunaways(AlertState.Snapshot stored, AlertEngine.Plan plan) {
        Map<String, RunawayEpisode> episodes = new TreeMap<>(stored.runaways());
        plan.runaways().forEach(change -> episodes.put(change.step().after().vendor(), change.step().after()));
        episodes.values().removeIf(e -> !e.open());
        episodes.values().forEach(e -> LOG.infof("vendor %s is running away since %s: about %s in its last raised hour "
                + "(%s), about %s so far", e.vendor(), e.startedAt(), money(e.lastHourUsd()), e.lastRaisedHour(),
                money(e.spentUsd())));
        return episodes;
    }

    private List<CheckReport.VendorStatus> statuses(Picture picture, List<VendorOutcome> outcomes, boolean replay,
            Map<String, RunawayEpisode> runaways) {
        List<CheckReport.VendorStatus> statuses = new ArrayList<>();
        if (replay) {
            for (VendorCollector collector : collection.collectors()) {
                String id = collector.id();
                if (picture.fetchedAt().containsKey(id)) {
                    statuses.add(new CheckReport.VendorStatus(id, "stored", null, 0,
                            picture.fetchedAt().get(id).toString(), money(picture.monthToDate().get(id)), false, 0,
                            picture.otherCurrencies().getOrDefault(id, Map.of()), null, usageView(picture.usage().get(id)),
                            null, runawayView(runaways.get(id)), picture.notes(id).held(),
                            picture.notes(id).sentences()));
                }
            }
            return statuses;
        }
        for (VendorOutcome outcome : outcomes) {
            String id = outcome.vendor();
            Instant shown = Optional.ofNullable(outcome.fetchedAt()).orElse(picture.fetchedAt().get(id));
            statuses.add(new CheckReport.VendorStatus(id, outcome.status().wireName(), outcome.error(),
                    outcome.daysFetched(), shown == null ? null : shown.toString(), money(picture.monthToDate().get(id)),
                    engine.stale(picture.lastSuccess().get(id), picture.asOf()), outcome.tookMs(),
                    picture.otherCurrencies().getOrDefault(id, Map.of()),
                    outcome.balanceUsd() == null ? null : money(outcome.balanceUsd()),
                    usageView(picture.usage().get(id)), outcome.usageError(), runawayView(runaways.get(id)),
                    picture.notes(id).held(), concat(picture.notes(id).sentences(), outcome.notes())));
        }
        return statuses;
    }

    private static CheckReport.UsageView usageView(UsageTotals usage) {
        return usage == null ? null : new CheckReport.UsageView(usage.inputTokens(), usage.cachedInputTokens(),
                usage.outputTokens(), usage.requests());
    }

    private static CheckReport.RunawayView runawayView(RunawayEpisode episode) {
        if (episode == null) {
            return null;
        }
        BigDecimal baseline = episode.profile().baselineUsd()
                .get(RunawayDetector.Profile.slot(episode.startedAt(), episode.lastRaisedHour()));
        return new CheckReport.RunawayView(episode.startedAt().toString(), money(episode.lastHourUsd()),
                money(baseline), money(episode.spentUsd()));
    }

    private AlertContext context(Picture picture, Budget budget, List<BudgetCheck.Outcome> checked,
            List<VendorOutcome> outcomes, boolean replay) {
        Forecast forecast = checked.stream().filter(o -> o.budget().equals(budget)).findFirst()
                .map(BudgetCheck.Outcome::forecast)
                .orElseGet(() -> forecaster.forecast(spend(picture.snapshots(), budget), picture.asOf(), picture.month(),
                        null));
        List<BigDecimal> daily = monthDays(picture, budget);
        LocalDate today = picture.asOf().atZone(ZoneOffset.UTC).toLocalDate();
        List<DailyCost> covered = picture.snapshots().stream().map(s -> covered(s.cost(), budget))
                .filter(c -> !c.lines().isEmpty()).toList();
        List<AlertContext.VendorLine> vendors = statuses(picture, outcomes, replay, Map.of()).stream()
                .map(v -> new AlertContext.VendorLine(v.vendor(), displayName(v.vendor()), v.monthToDateUsd(),
                        v.status(), v.fetchedAt() == null ? null : Instant.parse(v.fetchedAt()), v.stale()))
                .toList();
        List<String> notes = new ArrayList<>();
        picture.notes().forEach((vendor, vendorNotes) -> {
            if (budget.vendor() == null || budget.vendor().equals(vendor)) {
                vendorNotes.sentences().forEach(sentence -> notes.add(displayName(vendor) + ": " + sentence + "."));
            }
        });
        return new AlertContext(picture.month(), picture.asOf(), budget, forecast, vendors, daily,
                insights.analyse(covered, today), notes);
    }

    /** What a plan would send: its claims that send and its runaway notices (for a dry run's report). */
    private static List<AlertDecision> wouldSend(AlertEngine.Plan plan) {
        List<AlertDecision> decisions = new ArrayList<>();
        plan.claims().stream().filter(AlertEngine.Claim::send).map(AlertEngine.Claim::decision).forEach(decisions::add);
        plan.runaways().forEach(change -> decisions.addAll(change.notices()));
        return decisions;
    }

    /** {@code context} with {@code more} notes (what is contained right now) after its own. */
    private static AlertContext withNotes(AlertContext context, List<String> more) {
        if (more.isEmpty()) {
            return context;
        }
        return new AlertContext(context.month(), context.asOf(), context.budget(), context.forecast(),
                context.vendors(), context.dailySpend(), context.findings(), concat(context.notes(), more));
    }

    /** The budget a vendor's messages go under: its own, else the total, else the first. */
    Budget budgetFor(String vendor) {
        return engine.budgetFor(vendor);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
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

    /** A budget's spend on each day of the month up to today (the 1st first), for charts. */
    private static List<BigDecimal> monthDays(Picture picture, Budget budget) {
        NavigableMap<LocalDate, BigDecimal> days = spend(picture.snapshots(), budget);
        List<BigDecimal> daily = new ArrayList<>();
        LocalDate today = picture.asOf().atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate d = picture.month().atDay(1); !d.isAfter(today); d = d.plusDays(1)) {
            daily.add(money(days.getOrDefault(d, BigDecimal.ZERO)));
        }
        return daily;
    }

    /**
     * What {@code bin/burnrate status} shows: the report of this check and each budget's spend per day of the month.
     * Written last and on its own: a failure to write it is logged, and the check, whose state is all stored, stands.
     */
    private void recordStatus(CheckReport report, Picture picture) {
        com.fasterxml.jackson.databind.node.ObjectNode status = STATUS_JSON.createObjectNode();
        status.set("report", STATUS_JSON.valueToTree(report));
        com.fasterxml.jackson.databind.node.ObjectNode daily = status.putObject("dailyUsd");
        for (Budget budget : engine.budgets()) {
            daily.set(budget.id(), STATUS_JSON.valueToTree(monthDays(picture, budget)));
        }
        try {
            ledger.recordStatus(Instant.parse(report.runAt()), status.toString());
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            LOG.errorf("the status of this check (for bin/burnrate status) was not stored: %s", e.getMessage());
        }
    }

    /** True when {@code decision}'s alert is active (sent or claimed, not recovered) in the stored state. */
    private static boolean active(AlertState.Snapshot stored, YearMonth month, AlertDecision decision) {
        AlertState.Status status = stored.alerts().get(AlertKey.of(month, decision));
        return status != null && status.active();
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

    private static Map<String, BigDecimal> rounded(Map<String, BigDecimal> amounts) {
        Map<String, BigDecimal> rounded = new TreeMap<>();
        amounts.forEach((vendor, usd) -> rounded.put(vendor, money(usd)));
        return rounded;
    }

    String displayName(String vendor) {
        return collector(vendor).map(VendorCollector::displayName).orElse(vendor);
    }

    /** The collector of {@code vendor}, if the function has one (stored days may name a vendor it no longer has). */
    private Optional<VendorCollector> collector(String vendor) {
        return collection.collectors().stream().filter(c -> c.id().equals(vendor)).findFirst();
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
