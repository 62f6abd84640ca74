package dev.burnrate.alert;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.forecast.RunawayDetector;
import dev.burnrate.forecast.SpendForecaster;

/**
 * The one place that decides what burnrate tells people. From what a check knows (every budget's spend and
 * forecast, each vendor's freshness, usage and hourly spend) and the stored alert state it plans every claim,
 * recovery and runaway step; {@link #apply} carries the plan out on an {@link AlertState}. The Lambda and the
 * backtest both call it, so a replay decides exactly as the function would have.
 */
public final class AlertEngine {

    /**
     * @param staleAfter     a vendor whose last successful collection is older than this is stale
     * @param digestHourUtc  the hour of the daily digest, if there is one
     * @param runaway        how runaway episodes go on and end
     */
    public record Settings(Duration staleAfter, Optional<Integer> digestHourUtc, RunawayTracker.Settings runaway) {

        public Settings {
            Objects.requireNonNull(staleAfter, "staleAfter");
            Objects.requireNonNull(runaway, "runaway");
            digestHourUtc.filter(h -> h < 0 || h > 23).ifPresent(h -> {
                throw new IllegalArgumentException("the digest hour must be an hour from 0 to 23, got " + h);
            });
        }

        public static Settings defaults() {
            return new Settings(Duration.ofHours(12), Optional.empty(), RunawayTracker.Settings.defaults());
        }
    }

    /**
     * What a check knows of one vendor.
     *
     * @param failed           the vendor could not be read this run (so a vendor alert it holds cannot have ended)
     * @param lastSuccess      the last successful collection, or null (never, or a replay)
     * @param monthToDateUsd   the vendor's spend this month
     * @param usageUnreadSince since when its usage has not been read, or null
     * @param hourly           its hourly spend as read this run; null when it has none or it was not read
     */
    public record VendorView(String vendor, boolean failed, Instant lastSuccess, BigDecimal monthToDateUsd,
            Instant usageUnreadSince, NavigableMap<Instant, BigDecimal> hourly) {

        public VendorView {
            Objects.requireNonNull(vendor, "vendor");
            monthToDateUsd = monthToDateUsd == null ? BigDecimal.ZERO : monthToDateUsd;
        }
    }

    /**
     * One check: its instant and month (the same for every stage; see {@link SpendForecaster#monthOf}), every
     * budget's outcome and every vendor.
     */
    public record Situation(Instant asOf, YearMonth month, List<BudgetCheck.Outcome> budgets, List<VendorView> vendors) {

        public Situation {
            Objects.requireNonNull(asOf, "asOf");
            Objects.requireNonNull(month, "month");
            budgets = List.copyOf(budgets);
            vendors = List.copyOf(vendors);
        }
    }

    /** A claim to make: send its message, or claim it silently (a more urgent alert of its budget goes out). */
    public record Claim(AlertKey key, AlertDecision decision, boolean send) {
    }

    /** An active alert that stopped holding; {@code announce} when people were told of it. */
    public record Recovery(AlertKey key, Budget budget, boolean announce) {
    }

    /** A runaway episode's step and the messages it sends. */
    public record RunawayChange(RunawayTracker.Step step, List<AlertDecision> notices) {
    }

    /** Everything a check would do, in the order it does it (most urgent first). */
    public record Plan(List<Claim> claims, List<RunawayChange> runaways, List<Recovery> recoveries) {
    }

    /** What a check did: every claim it won, the messages it queued, the recoveries it announced. */
    public record Outcome(List<AlertDecision> claimed, List<AlertDecision> sent, List<AlertKey> recovered) {
    }

    private final List<Budget> budgets;
    private final BudgetCheck budgetCheck;
    private final Settings settings;
    private final RunawayTracker tracker;

    public AlertEngine(List<Budget> budgets, SpendForecaster forecaster, Thresholds thresholds, Settings settings) {
        if (budgets.isEmpty()) {
            throw new IllegalArgumentException("at least one budget is needed");
        }
        this.budgets = List.copyOf(budgets);
        this.budgetCheck = new BudgetCheck(forecaster, thresholds);
        this.settings = settings;
        this.tracker = new RunawayTracker(new RunawayDetector(), settings.runaway());
    }

    public List<Budget> budgets() {
        return budgets;
    }

    /** Forecasts every budget from its own spend (see {@link BudgetCheck#evaluate}). */
    public List<BudgetCheck.Outcome> evaluate(Function<Budget, NavigableMap<LocalDate, BigDecimal>> spend, Instant asOf,
            YearMonth month) {
        return budgetCheck.evaluate(budgets, spend, asOf, month);
    }

    /** True when a vendor last collected at {@code lastSuccess} is stale at {@code asOf}. */
    public boolean stale(Instant lastSuccess, Instant asOf) {
        return lastSuccess != null && Duration.between(lastSuccess, asOf).compareTo(settings.staleAfter()) > 0;
    }

    /** The budget a vendor's alerts are reported under: the vendor's own, else the total, else the first. */
    public Budget budgetFor(String vendor) {
        return budgets.stream().filter(b -> vendor.equals(b.vendor()) && b.project() == null).findFirst()
                .or(() -> budgets.stream().filter(Budget::isTotal).findFirst())
                .orElse(budgets.get(0));
    }

    /** The budget of an id, for recoveries of stored alerts; the first budget when it was since removed. */
    public Budget budgetById(String id) {
        return budgets.stream().filter(b -> b.id().equals(id)).findFirst().orElse(budgets.get(0));
    }

    /**
     * The months of alert state a check at {@code month} reads: its own and the one before (a vendor episode that
     * began last month is kept there).
     */
    public static Set<YearMonth> monthsRead(YearMonth month) {
        return new TreeSet<>(List.of(month.minusMonths(1), month));
    }

    /** Plans a check against the state as read at its start. */
    public Plan plan(Situation now, AlertState.Snapshot state) {
        List<AlertDecision> due = new ArrayList<>();
        Set<AlertKey> holding = new HashSet<>();
        for (BudgetCheck.Outcome outcome : now.budgets()) {
            due.addAll(outcome.due());
            outcome.holding().forEach(d -> holding.add(AlertKey.of(now.month(), d)));
        }
        List<RunawayChange> runaways = new ArrayList<>();
        for (VendorView vendor : now.vendors()) {
            Budget budget = budgetFor(vendor.vendor());
            if (stale(vendor.lastSuccess(), now.asOf())) {
                due.add(new AlertDecision(AlertKind.STALE_DATA, budget, 0, vendor.monthToDateUsd(), BigDecimal.ZERO,
                        new VendorEpisode(vendor.vendor(), vendor.lastSuccess()), null));
            }
            if (stale(vendor.usageUnreadSince(), now.asOf())) {
                due.add(new AlertDecision(AlertKind.USAGE_UNREAD, budget, 0, BigDecimal.ZERO, BigDecimal.ZERO,
                        new VendorEpisode(vendor.vendor(), vendor.usageUnreadSince()), null));
            }
            if (vendor.failed()) {
                // a vendor that could not be read has not shown that its usage is read again
                state.alerts().keySet().stream()
                        .filter(k -> k.kind() == AlertKind.USAGE_UNREAD && vendor.vendor().equals(k.vendor()))
                        .forEach(holding::add);
            }
            if (vendor.hourly() != null) {
                tracker.advance(vendor.vendor(), state.runaways().get(vendor.vendor()), vendor.hourly(), now.asOf())
                        .ifPresent(step -> runaways.add(new RunawayChange(step, notices(step, budget))));
            }
        }
        due.forEach(d -> holding.add(AlertKey.of(now.month(), d)));
        Map<AlertKey, AlertState.Status> known = state.alerts();
        List<AlertDecision> fresh = due.stream().filter(d -> {
            AlertState.Status status = known.get(AlertKey.of(now.month(), d));
            return status == null || !status.active();
        }).toList();
        Map<String, AlertDecision> mostUrgent = new LinkedHashMap<>();
        List<AlertDecision> chosen = new ArrayList<>();
        for (AlertDecision decision : fresh) {
            if (decision.kind().budgetAlert()) {
                mostUrgent.merge(decision.budget().id(), decision, (a, b) -> b.urgency() > a.urgency() ? b : a);
            } else {
                chosen.add(decision);
            }
        }
        chosen.addAll(mostUrgent.values());
        List<Claim> claims = new ArrayList<>();
        chosen.stream().sorted(Comparator.comparingInt(AlertDecision::urgency).reversed())
                .forEach(d -> claims.add(new Claim(AlertKey.of(now.month(), d), d, true)));
        fresh.stream().filter(d -> !chosen.contains(d))
                .forEach(d -> claims.add(new Claim(AlertKey.of(now.month(), d), d, false)));
        digest(now).filter(d -> !known.containsKey(AlertKey.of(now.month(), d)))
                .ifPresent(d -> claims.add(new Claim(AlertKey.of(now.month(), d), d, true)));

        List<Recovery> recoveries = new ArrayList<>();
        known.entrySet().stream()
                .filter(e -> e.getValue().active() && e.getKey().kind().recoverable() && !e.getKey().kind().pulse())
                .filter(e -> e.getKey().kind().vendorEpisode() || e.getKey().month().equals(now.month()))
                .filter(e -> !holding.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(AlertKey::toString)))
                .forEach(e -> recoveries.add(new Recovery(e.getKey(), budgetById(e.getKey().budget()),
                        e.getValue() == AlertState.Status.SENT)));
        return new Plan(List.copyOf(claims), List.copyOf(runaways), List.copyOf(recoveries));
    }

    /**
     * What a pulse knows of one vendor.
     *
     * @param unreadSince since when its fast source has not been read (null: read this pulse)
     * @param hourly      its complete hours from the fast source, the episode's input; null when not read
     * @param fast        what the minute-grain detector found, or null
     */
    public record PulseView(String vendor, Instant unreadSince, NavigableMap<Instant, BigDecimal> hourly,
            RunawayEpisode.Opening fast) {

        public PulseView {
            Objects.requireNonNull(vendor, "vendor");
        }
    }

    /**
     * One pulse: its instant and month, how long a fast source may go unread before it is reported, and each vendor
     * it read or tried to read.
     */
    public record PulseSituation(Instant asOf, YearMonth month, Duration unreadAfter, List<PulseView> vendors) {

        public PulseSituation {
            Objects.requireNonNull(asOf, "asOf");
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(unreadAfter, "unreadAfter");
            vendors = List.copyOf(vendors);
        }
    }

    /**
     * Plans a pulse: runaway steps from the fast sources, and the spells of an unread fast source. It touches
     * nothing else (budgets, stale data and the digest are the hourly check's), and the hourly check leaves the
     * pulse's spells alone, so the two never undo each other.
     */
    public Plan planPulse(PulseSituation now, AlertState.Snapshot state) {
        List<Claim> claims = new ArrayList<>();
        List<RunawayChange> runaways = new ArrayList<>();
        List<Recovery> recoveries = new ArrayList<>();
        for (PulseView vendor : now.vendors()) {
            Budget budget = budgetFor(vendor.vendor());
            Set<AlertKey> holding = new HashSet<>();
            if (vendor.unreadSince() != null
                    && Duration.between(vendor.unreadSince(), now.asOf()).compareTo(now.unreadAfter()) > 0) {
                AlertDecision due = new AlertDecision(AlertKind.PULSE_UNREAD, budget, 0, BigDecimal.ZERO,
                        BigDecimal.ZERO, new VendorEpisode(vendor.vendor(), vendor.unreadSince()), null);
                AlertKey key = AlertKey.of(now.month(), due);
                holding.add(key);
                AlertState.Status status = state.alerts().get(key);
                if (status == null || !status.active()) {
                    claims.add(new Claim(key, due, true));
                }
            }
            if (vendor.hourly() != null) {
                tracker.advance(vendor.vendor(), state.runaways().get(vendor.vendor()), vendor.hourly(), now.asOf(),
                        vendor.fast()).ifPresent(step -> runaways.add(new RunawayChange(step, notices(step, budget))));
            }
            state.alerts().entrySet().stream()
                    .filter(e -> e.getKey().kind().pulse() && e.getValue().active()
                            && vendor.vendor().equals(e.getKey().vendor()) && !holding.contains(e.getKey()))
                    .filter(e -> vendor.unreadSince() == null)
                    .sorted(Map.Entry.comparingByKey(Comparator.comparing(AlertKey::toString)))
                    .forEach(e -> recoveries.add(new Recovery(e.getKey(), budgetById(e.getKey().budget()),
                            e.getValue() == AlertState.Status.SENT)));
        }
        return new Plan(List.copyOf(claims), List.copyOf(runaways), List.copyOf(recoveries));
    }

    /** Carries a plan out: what another check already did is skipped, so each message goes out once. */
    public Outcome apply(Plan plan, AlertState state) {
        List<AlertDecision> claimed = new ArrayList<>();
        List<AlertDecision> sent = new ArrayList<>();
        for (Claim claim : plan.claims()) {
            if (state.claim(claim.key(), claim.decision(), claim.send())) {
                claimed.add(claim.decision());
                if (claim.send()) {
                    sent.add(claim.decision());
                }
            }
        }
        for (RunawayChange change : plan.runaways()) {
            if (state.advance(change.step(), change.notices())) {
                sent.addAll(change.notices());
            }
        }
        List<AlertKey> recovered = new ArrayList<>();
        for (Recovery recovery : plan.recoveries()) {
            if (state.recover(recovery.key(), recovery.budget(), recovery.announce()) && recovery.announce()) {
                recovered.add(recovery.key());
            }
        }
        return new Outcome(List.copyOf(claimed), List.copyOf(sent), List.copyOf(recovered));
    }

    /** Once a day at the configured hour: the month so far for the total budget (or the first). */
    private Optional<AlertDecision> digest(Situation now) {
        if (settings.digestHourUtc().isEmpty()
                || now.asOf().atZone(ZoneOffset.UTC).getHour() != settings.digestHourUtc().get()) {
            return Optional.empty();
        }
        Budget budget = budgets.stream().filter(Budget::isTotal).findFirst().orElse(budgets.get(0));
        BigDecimal spent = now.budgets().stream().filter(o -> o.budget().equals(budget)).findFirst()
                .map(o -> o.forecast().monthToDateUsd()).orElse(BigDecimal.ZERO);
        int day = now.asOf().atZone(ZoneOffset.UTC).getDayOfMonth();
        return Optional.of(new AlertDecision(AlertKind.DIGEST, budget, day, spent, budget.monthlyUsd()));
    }

    private static List<AlertDecision> notices(RunawayTracker.Step step, Budget budget) {
        RunawayEpisode e = step.after();
        BigDecimal baseline = e.profile().baselineUsd()
                .get(RunawayDetector.Profile.slot(e.startedAt(), e.evaluatedThrough()));
        List<AlertDecision> notices = new ArrayList<>();
        for (RunawayTracker.Notice notice : step.notices()) {
            BigDecimal value = switch (notice.kind()) {
                case RUNAWAY -> e.firstHourUsd();
                case RUNAWAY_ESCALATION, RUNAWAY_ACCEPTED -> e.announcedHourUsd();
                case RUNAWAY_REMINDER, RUNAWAY_OVER -> e.spentUsd();
                case ACTUAL, FORECAST, STALE_DATA, USAGE_UNREAD, PULSE_UNREAD, DIGEST ->
                        throw new IllegalStateException(notice.kind() + " is not a runaway notice");
            };
            BigDecimal threshold = notice.kind() == AlertKind.RUNAWAY_REMINDER || notice.kind() == AlertKind.RUNAWAY_OVER
                    ? e.usualUsd()
                    : notice.kind() == AlertKind.RUNAWAY && e.opening() != null ? e.opening().usualRateUsd() : baseline;
            notices.add(new AlertDecision(notice.kind(), budget, notice.level(), value, threshold, e.episode(), e));
        }
        return notices;
    }
}
