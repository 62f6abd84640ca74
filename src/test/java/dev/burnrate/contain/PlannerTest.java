package dev.burnrate.contain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What a check proposes: the narrowest target a policy covers, once per target, and when the rule acts. */
class PlannerTest {

    private static final Planner.Settings FIFTY_AN_HOUR_OR_150 = new Planner.Settings(new BigDecimal("50"),
            new BigDecimal("150"));

    private static Trigger runaway(String vendor, String usdPerHour, String... candidates) {
        return new Trigger(vendor, "runaway:" + vendor + ":2026-11-20T08:00:00Z", "runaway", new BigDecimal(usdPerHour),
                null, List.of(candidates));
    }

    private static Trigger budget(String vendor, String percent, String... candidates) {
        return new Trigger(vendor, "budget:" + vendor + ":2026-11", "budget", null, new BigDecimal(percent),
                List.of(candidates));
    }

    private static List<String> planned(String policies, List<Trigger> triggers, Set<Target> held) {
        return new Planner(Policies.parse(policies), FIFTY_AN_HOUR_OR_150).plan(triggers, held).stream()
                .map(p -> p.target().vendor() + "/" + p.target().id() + " " + p.mode().wireName()
                        + (p.actNow() ? " [" + p.rule() + "]" : ""))
                .toList();
    }

    @Test
    void theProjectThatSpentMostIsProposedNotTheWholeVendor() {
        assertThat(planned("openai=suggest", List.of(runaway("openai", "400", "proj_chat", "proj_batch")), Set.of()))
                .containsExactly("openai/proj_chat suggest");
    }

    @Test
    void theTopProjectsOwnPolicyDecidesAndOffProposesNothing() {
        assertThat(planned("openai=suggest; openai/proj_chat=off",
                List.of(runaway("openai", "400", "proj_chat", "proj_batch")), Set.of())).isEmpty();
        assertThat(planned("openai/proj_chat=auto", List.of(runaway("openai", "400", "proj_chat")), Set.of()))
                .containsExactly("openai/proj_chat auto [rule: runaway at $400.00 an hour, above $50.00]");
    }

    @Test
    void autoActsOnlyAboveItsThresholdsStrictly() {
        assertThat(planned("openai=auto", List.of(runaway("openai", "50.00", "p")), Set.of()))
                .containsExactly("openai/p auto");
        assertThat(planned("openai=auto", List.of(runaway("openai", "50.01", "p")), Set.of()))
                .containsExactly("openai/p auto [rule: runaway at $50.01 an hour, above $50.00]");
        assertThat(planned("openai=auto", List.of(budget("openai", "150", "p")), Set.of()))
                .containsExactly("openai/p auto");
        assertThat(planned("openai=auto", List.of(budget("openai", "150.5", "p")), Set.of()))
                .containsExactly("openai/p auto [rule: budget at 150%, above 150%]");
        assertThat(planned("openai=suggest", List.of(runaway("openai", "5000", "p")), Set.of()))
                .containsExactly("openai/p suggest");
    }

    @Test
    void aTargetHeldByAnOpenActionOrAlreadyPlannedIsProposedOnce() {
        List<Trigger> both = List.of(runaway("openai", "400", "proj_chat"), budget("openai", "120", "proj_chat"));

        assertThat(planned("openai=suggest", both, Set.of())).containsExactly("openai/proj_chat suggest");
        assertThat(planned("openai=suggest", both, Set.of(new Target("openai", "proj_chat")))).isEmpty();
    }

    @Test
    void bedrockProposesEveryNamedRoleAndATriggerWithoutCandidatesNothing() {
        assertThat(planned("bedrock/app-role=suggest; bedrock/batch-role=auto; bedrock/old-role=off",
                List.of(runaway("bedrock", "90")), Set.of())).containsExactly("bedrock/app-role suggest",
                "bedrock/batch-role auto [rule: runaway at $90.00 an hour, above $50.00]");
        assertThat(planned("openai=suggest", List.of(runaway("openai", "400")), Set.of())).isEmpty();
    }

    @Test
    void thresholdsMustBeAboveZero() {
        assertThatThrownBy(() -> new Planner.Settings(BigDecimal.ZERO, new BigDecimal("150")))
                .hasMessage("the auto thresholds must be above zero, got $0 an hour and 150%");
    }
}
