package dev.burnrate.contain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what a check proposes: for each trigger the narrowest target that stops the spend (the project, workspace
 * or key that spent most, or the Bedrock roles named), if a policy covers it and no open action holds it already;
 * and whether the auto rule approves it at once.
 */
public final class Planner {

    /**
     * @param autoUsdPerHour     an {@code auto} policy acts at once on a runaway spending more than this an hour
     * @param autoBudgetPercent  ... or on a budget whose actual spend passed this percentage of it
     */
    public record Settings(BigDecimal autoUsdPerHour, BigDecimal autoBudgetPercent) {
        public Settings {
            Objects.requireNonNull(autoUsdPerHour, "autoUsdPerHour");
            Objects.requireNonNull(autoBudgetPercent, "autoBudgetPercent");
            if (autoUsdPerHour.signum() <= 0 || autoBudgetPercent.signum() <= 0) {
                throw new IllegalArgumentException("the auto thresholds must be above zero, got $" + autoUsdPerHour
                        + " an hour and " + autoBudgetPercent + "%");
            }
        }
    }

    /**
     * A proposal: what to switch off, under which mode, for which trigger; {@code rule} says why the auto rule
     * approves it ({@code runaway $420.00/h above $50/h}), or null when a person must.
     */
    public record Proposal(Target target, Mode mode, Trigger trigger, String rule) {

        public boolean actNow() {
            return rule != null;
        }
    }

    private final Policies policies;
    private final Settings settings;

    public Planner(Policies policies, Settings settings) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * What {@code triggers} propose, given the targets that already have an open action (one action per target at
     * a time). A trigger without a known target proposes nothing.
     */
    public List<Proposal> plan(List<Trigger> triggers, Set<Target> held) {
        List<Proposal> proposals = new ArrayList<>();
        for (Trigger trigger : triggers) {
            List<String> ids = trigger.vendor().equals("bedrock") ? policies.bedrockRoles()
                    : trigger.candidates().stream().limit(1).toList();
            for (String id : ids) {
                Target target = new Target(trigger.vendor(), id);
                Mode mode = policies.modeFor(target);
                if (mode == Mode.OFF || held.contains(target)
                        || proposals.stream().anyMatch(p -> p.target().equals(target))) {
                    continue;
                }
                proposals.add(new Proposal(target, mode, trigger, mode == Mode.AUTO ? rule(trigger) : null));
            }
        }
        return proposals;
    }

    /** Why the auto rule acts on {@code trigger}, or null when it is under both thresholds. */
    private String rule(Trigger trigger) {
        if (trigger.usdPerHour() != null && trigger.usdPerHour().compareTo(settings.autoUsdPerHour()) > 0) {
            return "rule: runaway at $" + money(trigger.usdPerHour()) + " an hour, above $"
                    + money(settings.autoUsdPerHour());
        }
        if (trigger.budgetPercent() != null && trigger.budgetPercent().compareTo(settings.autoBudgetPercent()) > 0) {
            return "rule: budget at " + trigger.budgetPercent().setScale(0, java.math.RoundingMode.DOWN) + "%, above "
                    + settings.autoBudgetPercent().stripTrailingZeros().toPlainString() + "%";
        }
        return null;
    }

    private static String money(BigDecimal usd) {
        return usd.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
