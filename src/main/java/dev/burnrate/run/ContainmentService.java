package dev.burnrate.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import dev.burnrate.alert.AlertDecision;
import dev.burnrate.alert.AlertKind;
import dev.burnrate.alert.BudgetCheck;
import dev.burnrate.budget.Budget;
import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Secrets;
import dev.burnrate.contain.Action;
import dev.burnrate.contain.ActionStatus;
import dev.burnrate.contain.ApprovalTokens;
import dev.burnrate.contain.Planner;
import dev.burnrate.contain.Policies;
import dev.burnrate.contain.Target;
import dev.burnrate.contain.Trigger;
import dev.burnrate.ledger.AlertStore;
import dev.burnrate.ledger.ContainmentStore;
import dev.burnrate.ledger.DailySnapshot;
import dev.burnrate.notify.AlertMessage;
import dev.burnrate.notify.ContainmentComposer;
import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.VendorException;
import dev.burnrate.provider.VendorSwitch;
import dev.burnrate.provider.openrouter.OpenRouterSwitch;

/**
 * Drives containment (see the {@code contain} package for the rules and the state machine): turns what a check
 * decided into triggers and proposals, lets the auto rule approve, approves and undoes on request (a signed link or
 * the CLI), sets and restores the vendors' switches, and writes every transition with its message. Nothing here acts
 * in a dry run or a replay.
 */
@ApplicationScoped
public class ContainmentService {

    private static final Logger LOG = Logger.getLogger(ContainmentService.class);

    /** What one check did about containment, for its report. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Line(String action, String target, String status, String detail) {
    }

    /** The answer to an approval or undo: the action after it, and whether this request moved it. */
    public record Outcome(Action action, boolean moved, String message) {
    }

    /**
     * One invocation's part: whose budget a vendor's messages go under and what the vendor is called, the secret,
     * the signer of links (null when the secret has no key: messages then carry the command only), the run's id,
     * the sequence of its queued messages and its instant.
     */
    private record Run(Function<String, Budget> budgetFor, Function<String, String> names, Secrets secrets,
            ApprovalTokens tokens, String runId, int[] seq, Instant now) {
    }

    private Run run(Function<String, Budget> budgetFor, Function<String, String> names, Secrets secrets, String runId,
            int firstSeq) {
        ApprovalTokens tokens = null;
        if (config.approveUrl().isPresent()) {
            try {
                tokens = tokens(secrets);
            } catch (IllegalStateException | IllegalArgumentException noKey) {
                LOG.errorf("containment messages carry no link: %s", noKey.getMessage());
            }
        }
        return new Run(budgetFor, names, secrets, tokens, runId, new int[] {firstSeq}, clock.instant());
    }

    private final ContainmentStore store;
    private final ContainmentComposer composer;
    private final Map<String, VendorSwitch> switches = new HashMap<>();
    private final OpenRouterSwitch openRouter;
    private final Clock clock;
    private final BurnrateConfig.Containment config;
    private final Policies policies;
    private final Planner planner;

    ContainmentService(ContainmentStore store, ContainmentComposer composer, @Any Instance<VendorSwitch> switches,
            OpenRouterSwitch openRouter, Clock clock, BurnrateConfig config) {
        this.store = store;
        this.composer = composer;
        switches.forEach(s -> this.switches.put(s.vendor(), s));
        this.openRouter = openRouter;
        this.clock = clock;
        this.config = config.containment();
        this.policies = policiesOf(this.config);
        this.planner = new Planner(policies, new Planner.Settings(this.config.autoAboveUsdPerHour(),
                this.config.autoAboveBudgetPercent()));
    }

    /**
     * The policies of {@code config}, checked as the function starts: a policy line that does not read, or a Bedrock
     * role the function may not change, stops it with a message naming the setting.
     */
    static Policies policiesOf(BurnrateConfig.Containment config) {
        Policies policies;
        try {
            policies = Policies.parse(config.policies().orElse(""));
            new Planner.Settings(config.autoAboveUsdPerHour(), config.autoAboveBudgetPercent());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("burnrate.containment: " + e.getMessage(), e);
        }
        List<String> arns = config.bedrockRoleArns().orElse(List.of());
        for (String role : policies.bedrockRoles()) {
            if (arns.stream().noneMatch(arn -> arn.endsWith(":role/" + role) || arn.endsWith("/" + role))) {
                throw new IllegalStateException("burnrate.containment.policies: bedrock/" + role + " names a role the "
                        + "function may not change; add its ARN to ContainmentBedrockRoleArns "
                        + "(burnrate.containment.bedrock-role-arns), now " + (arns.isEmpty() ? "empty" : arns));
            }
        }
        return policies;
    }

    /** How long an action's run may take before the next check takes it over. */
    public Duration lease() {
        return config.actLease();
    }

    /** True when some policy is on: otherwise nothing here runs. */
    public boolean enabled() {
        return policies.any();
    }

    public Policies policies() {
        return policies;
    }

    /**
     * After a check or a pulse decided: finishes actions whose run died, expires unapproved proposals, proposes for
     * the runaways that opened or got worse and the vendor or project budgets spent past 100%, and approves by the
     * auto rule what is past its threshold (including proposals made earlier). In a dry run it only says what it
     * would propose. Messages are queued in the outbox for the caller's delivery.
     *
     * @param sent      the messages the engine sent this check (runaway openings and escalations are triggers)
     * @param budgets   every budget's outcome this check (actual spend past 100% of a vendor or project budget is one)
     * @param snapshots the stored days, for the project, workspace or key that spent most
     * @param budgetFor the budget a vendor's messages go under
     */
    public List<Line> afterCheck(List<AlertDecision> sent, List<BudgetCheck.Outcome> budgets,
            List<DailySnapshot> snapshots, Function<String, Budget> budgetFor, Function<String, String> names,
            Secrets secrets, String runId, boolean dryRun) {
        if (!enabled()) {
            return List.of();
        }
        try {
            return decide(sent, budgets, snapshots, run(budgetFor, names, secrets, runId, 1000), dryRun);
        } catch (RuntimeException e) {
            // the alerts of this check are queued already: containment failing must not hold them back
            LOG.errorf(e, "containment failed this check; its alerts go out regardless");
            return List.of(new Line(null, null, "error", "containment failed this check, its alerts went out "
                    + "regardless: " + e.getMessage()));
        }
    }

    private List<Line> decide(List<AlertDecision> sent, List<BudgetCheck.Outcome> budgets,
            List<DailySnapshot> snapshots, Run run, boolean dryRun) {
        Instant now = run.now();
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        List<Line> lines = new ArrayList<>();
        List<Action> known = store.list();
        if (!dryRun) {
            for (Action action : known) {
                finishIfStuck(action, run).ifPresent(lines::add);
                if (action.status() == ActionStatus.PROPOSED && now.isAfter(action.expiresAt())) {
                    Action expired = action.expire(now);
                    if (write(action, expired, run)) {
                        lines.add(line(expired, "link expired unapproved"));
                    }
                }
            }
            known = store.list();
        }
        List<Trigger> triggers = triggers(sent, budgets, snapshots, month, run.secrets());
        Set<Target> held = new HashSet<>();
        Map<String, Action> byId = new HashMap<>();
        known.forEach(a -> {
            byId.put(a.id(), a);
            if (a.holdsTarget()) {
                held.add(a.target());
            }
        });
        // a proposal made earlier for the same trigger and target that is now past the auto threshold is approved
        for (Planner.Proposal p : planner.plan(triggers, Set.of())) {
            Action existing = byId.get(Action.idOf(p.target(), p.trigger().key()));
            if (existing != null && existing.status() == ActionStatus.PROPOSED && p.actNow() && !dryRun) {
                approveAndAct(existing, p.rule(), run).ifPresent(lines::add);
            }
        }
        for (Planner.Proposal p : planner.plan(triggers, held)) {
            if (byId.containsKey(Action.idOf(p.target(), p.trigger().key()))) {
                continue;
            }
            BigDecimal cap = p.target().vendor().equals("openai") ? projectSpend(snapshots, p.target(), month) : null;
            Action proposed = Action.propose(p.target(), p.mode(), p.trigger().key(), p.trigger().reason(), cap, now,
                    now.plus(config.linkTtl()));
            if (dryRun) {
                lines.add(line(proposed, "dry run: would propose" + (p.actNow() ? " and act (" + p.rule() + ")" : "")));
                continue;
            }
            if (!write(null, proposed, run)) {
                continue;
            }
            lines.add(line(proposed, p.trigger().reason()));
            if (p.actNow()) {
                approveAndAct(proposed, p.rule(), run).ifPresent(lines::add);
            }
        }
        return lines;
    }

    /**
     * Approves action {@code id} and acts on it. Refused (with the reason) when it is not waiting for approval: a
     * second approval finds it approved and acts on nothing.
     */
    public Outcome approve(String id, String by, Function<String, Budget> budgetFor, Function<String, String> names,
            Secrets secrets, String runId) {
        Run run = run(budgetFor, names, secrets, runId, 0);
        Action action = find(id);
        Optional<Line> done = approveAndAct(action, by, run);
        Action after = find(id);
        return new Outcome(after, done.isPresent(), done.map(Line::detail).orElse("already " + after.state()
                + " (" + after.last().by() + ", " + after.last().at() + "): nothing done twice"));
    }

    /** Undoes action {@code id}: puts the vendor's prior state back. */
    public Outcome undo(String id, String by, Function<String, Budget> budgetFor, Function<String, String> names,
            Secrets secrets, String runId) {
        Run run = run(budgetFor, names, secrets, runId, 0);
        Action action = find(id);
        Action undoing = action.undoing(by, run.now());
        if (!write(action, undoing, run)) {
            Action after = find(id);
            return new Outcome(after, false, "another request moved it first: it is " + after.state());
        }
        Action after = restore(undoing, run);
        return new Outcome(after, true, after.answer());
    }

    /** Every action, newest first. */
    public List<Action> list() {
        return store.list();
    }

    /** The action {@code id}, or a refusal that says there is none. */
    public Action find(String id) {
        return store.get(id).orElseThrow(() -> new Action.Refused("there is no containment action " + id
                + "; bin/burnrate contain list shows them"));
    }

    /** The tokens of this stack's links, from the secret's {@code containmentSigningKey}. */
    public ApprovalTokens tokens(Secrets secrets) {
        String key = secrets.value("containmentSigningKey").orElseThrow(() -> new IllegalStateException(
                "containment is on but the secret has no containmentSigningKey (a random string of 32 characters or "
                        + "more, e.g. openssl rand -base64 32): links cannot be signed or checked"));
        return new ApprovalTokens(key);
    }

    /** The lines for every message's notes: what is contained right now. */
    public List<String> containedNow() {
        if (!enabled()) {
            return List.of();
        }
        List<Action> actions;
        try {
            actions = store.list();
        } catch (RuntimeException e) {
            LOG.errorf(e, "what is contained could not be read; messages go out without it");
            return List.of("Contained now: unknown, the containment actions could not be read (" + e.getMessage()
                    + ")");
        }
        return actions.stream().filter(a -> a.status() == ActionStatus.CONTAINED
                || a.status() == ActionStatus.UNDO_FAILED).map(a -> "Contained now: " + a.target().label() + " (since "
                        + a.first(ActionStatus.CONTAINED).map(e -> e.at().toString()).orElse("?") + ", action " + a.id()
                        + ")").toList();
    }

    // ---------------------------------------------------------------------------------------------------------

    private Optional<Line> approveAndAct(Action action, String by, Run run) {
        Action approved = action.approve(by, run.now());
        if (!write(action, approved, run)) {
            return Optional.empty();
        }
        Action after = act(approved, run);
        return Optional.of(line(after, after.answer()));
    }

    /** Reads the prior state (once), sets the switch, and records what came of it. */
    private Action act(Action approved, Run run) {
        VendorSwitch vendorSwitch = switches.get(approved.target().vendor());
        VendorSwitch.Prior prior;
        if (approved.prior() != null) {
            prior = new VendorSwitch.Prior(approved.prior(), approved.priorSummary());
        } else {
            try {
                prior = vendorSwitch.read(approved.target(), run.secrets());
            } catch (VendorException e) {
                Action failed = approved.failed("could not read the state before acting, so nothing was changed: "
                        + e.getMessage(), run.now());
                write(approved, failed, run);
                LOG.errorf("containment %s of %s failed: %s", approved.id(), approved.target().label(), e.getMessage());
                return failed;
            }
        }
        Action acting = approved.acting(prior.json(), prior.summary(), run.now());
        if (!write(approved, acting, run)) {
            return find(approved.id());
        }
        Action after;
        try {
            after = acting.contained(vendorSwitch.contain(acting, prior, run.secrets()), run.now());
            LOG.infof("containment %s: %s: %s", acting.id(), acting.target().label(), after.answer());
        } catch (VendorException e) {
            after = acting.failed(e.getMessage(), run.now());
            LOG.errorf("containment %s of %s failed: %s", acting.id(), acting.target().label(), e.getMessage());
        }
        if (!write(acting, after, run)) {
            return find(approved.id());
        }
        return after;
    }

    private Action restore(Action undoing, Run run) {
        VendorSwitch vendorSwitch = switches.get(undoing.target().vendor());
        Action after;
        try {
            after = undoing.undone(vendorSwitch.restore(undoing.target(),
                    new VendorSwitch.Prior(undoing.prior(), undoing.priorSummary()), run.secrets()), run.now());
            LOG.infof("containment %s undone: %s", undoing.id(), after.answer());
        } catch (VendorException e) {
            after = undoing.undoFailed(e.getMessage(), run.now());
            LOG.errorf("undoing containment %s failed: %s", undoing.id(), e.getMessage());
        }
        if (!write(undoing, after, run)) {
            return find(undoing.id());
        }
        return after;
    }

    /** An action whose run died while it acted or undid: taken over once its lease ran out. */
    private Optional<Line> finishIfStuck(Action action, Run run) {
        boolean stuck = (action.status() == ActionStatus.APPROVED || action.status() == ActionStatus.ACTING
                || action.status() == ActionStatus.UNDOING)
                && Duration.between(action.last().at(), run.now()).compareTo(config.actLease()) > 0;
        if (!stuck) {
            return Optional.empty();
        }
        LOG.warnf("containment %s was left %s at %s; taking it over", action.id(), action.state(), action.last().at());
        Action after = action.status() == ActionStatus.UNDOING ? restore(action, run) : act(action, run);
        return Optional.of(line(after, "taken over: " + after.answer()));
    }

    /** Writes a transition with its message (if it sends one). */
    private boolean write(Action before, Action after, Run run) {
        List<AlertStore.Outbound> messages = new ArrayList<>();
        AlertMessage message = composer.compose(after, run.names().apply(after.target().vendor()),
                run.budgetFor().apply(after.target().vendor()), link(after, run), command(after), run.now());
        if (message != null) {
            messages.add(new AlertStore.Outbound(message.kind(), message.budgetId(), message.stored()));
        }
        int first = run.seq()[0];
        run.seq()[0] += Math.max(1, messages.size());
        return store.write(before, after, messages, run.runId(), first, run.now());
    }

    /** The link that goes on from {@code action}'s state: approve (or try again) or undo; null without an endpoint. */
    private ContainmentComposer.Link link(Action action, Run run) {
        Optional<URI> base = config.approveUrl();
        if (base.isEmpty() || run.tokens() == null) {
            return null;
        }
        ApprovalTokens.Purpose purpose;
        String label;
        Instant until;
        switch (action.status()) {
            case PROPOSED -> {
                purpose = ApprovalTokens.Purpose.APPROVE;
                label = "Approve containment";
                until = action.expiresAt();
            }
            case FAILED -> {
                purpose = ApprovalTokens.Purpose.APPROVE;
                label = "Try again";
                until = run.now().plus(config.linkTtl());
            }
            case CONTAINED, UNDO_FAILED -> {
                purpose = ApprovalTokens.Purpose.UNDO;
                label = action.status() == ActionStatus.CONTAINED ? "Undo" : "Undo again";
                until = run.now().plus(config.linkTtl());
            }
            default -> {
                return null;
            }
        }
        String url = base.get().toString();
        return new ContainmentComposer.Link(label, url + (url.contains("?") ? "&" : "?") + "t="
                + run.tokens().sign(action.id(), purpose, until), until.toString());
    }

    /** The CLI command that goes on from {@code action}'s state, or null when none does. */
    private String command(Action action) {
        String stack = " --stack " + config.stackName().orElse("<stack>");
        return switch (action.status()) {
            case PROPOSED, FAILED -> "bin/burnrate contain approve " + action.id() + stack;
            case CONTAINED, UNDO_FAILED -> "bin/burnrate contain undo " + action.id() + stack;
            default -> null;
        };
    }

    /** Triggers from what a check decided. */
    private List<Trigger> triggers(List<AlertDecision> sent, List<BudgetCheck.Outcome> budgets,
            List<DailySnapshot> snapshots, YearMonth month, Secrets secrets) {
        List<Trigger> triggers = new ArrayList<>();
        for (AlertDecision decision : sent) {
            if ((decision.kind() == AlertKind.RUNAWAY || decision.kind() == AlertKind.RUNAWAY_ESCALATION)
                    && policies.covers(decision.vendor())) {
                String vendor = decision.vendor();
                triggers.add(new Trigger(vendor, "runaway:" + vendor + ":" + decision.episode().since(),
                        "runaway at $" + decision.valueUsd().setScale(2, RoundingMode.HALF_UP) + " an hour since "
                                + decision.episode().since() + " (usually $"
                                + decision.thresholdUsd().setScale(2, RoundingMode.HALF_UP) + ")",
                        decision.valueUsd(), null, candidates(vendor, snapshots, secrets)));
            }
        }
        for (BudgetCheck.Outcome outcome : budgets) {
            Budget budget = outcome.budget();
            if (budget.vendor() == null || !policies.covers(budget.vendor())) {
                continue;
            }
            BigDecimal percent = outcome.forecast().monthToDateUsd().multiply(BigDecimal.valueOf(100))
                    .divide(budget.monthlyUsd(), 2, RoundingMode.DOWN);
            if (percent.compareTo(BigDecimal.valueOf(100)) <= 0) {
                continue;
            }
            List<String> candidates = budget.project() != null ? List.of(budget.project())
                    : candidates(budget.vendor(), snapshots, secrets);
            triggers.add(new Trigger(budget.vendor(), "budget:" + budget.id() + ":" + month,
                    budget.name() + " budget at " + percent.setScale(0, RoundingMode.DOWN) + "% ($"
                            + outcome.forecast().monthToDateUsd() + " of $" + budget.monthlyUsd() + ")",
                    null, percent, candidates));
        }
        return triggers;
    }

    /** What could be switched off for {@code vendor}, most spend first: projects or workspaces, or keys. */
    private List<String> candidates(String vendor, List<DailySnapshot> snapshots, Secrets secrets) {
        if (vendor.equals("openrouter")) {
            try {
                return openRouter.busiestKeys(secrets);
            } catch (VendorException e) {
                LOG.errorf("containment: OpenRouter's keys could not be read, so no key is proposed: %s",
                        e.getMessage());
                return List.of();
            }
        }
        Optional<LocalDate> latest = snapshots.stream().filter(s -> s.cost().vendor().equals(vendor))
                .map(s -> s.cost().day()).max(LocalDate::compareTo);
        if (latest.isEmpty()) {
            return List.of();
        }
        Map<String, BigDecimal> byProject = new TreeMap<>();
        snapshots.stream().filter(s -> s.cost().vendor().equals(vendor) && s.cost().day().equals(latest.get()))
                .flatMap(s -> s.cost().lines().stream())
                .filter(l -> l.project() != null && !l.project().equals(CostLine.DEFAULT_PROJECT))
                .forEach(l -> byProject.merge(l.project(), l.amountUsd(), BigDecimal::add));
        return byProject.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey).toList();
    }

    /** What an OpenAI project spent this month, as stored: the hard limit its containment sets. */
    private static BigDecimal projectSpend(List<DailySnapshot> snapshots, Target target, YearMonth month) {
        return snapshots.stream().filter(s -> s.cost().vendor().equals("openai")
                && YearMonth.from(s.cost().day()).equals(month)).flatMap(s -> s.cost().lines().stream())
                .filter(l -> target.id().equals(l.project())).map(CostLine::amountUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Line line(Action action, String detail) {
        return new Line(action.id(), action.target().vendor() + "/" + action.target().id(), action.state(), detail);
    }
}
