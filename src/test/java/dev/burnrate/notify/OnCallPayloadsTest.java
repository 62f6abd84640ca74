package dev.burnrate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.alert.Severity;

/** The PagerDuty event and the Teams card built from one message, field by field, and Teams' escaping. */
class OnCallPayloadsTest {

    private static AlertMessage message(String kind, Severity severity, String incident, boolean resolves,
            String label) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Month to date", "$1,211.90 (P90 $1,300.00)");
        facts.put("Top project", label);
        return new AlertMessage(kind, severity, "openai/proj_abc", "openai", "[burnrate] chatbot spend $612 is over the "
                + "$500 budget for November 2026", "text", "<p>html</p>", new AlertMessage.Content("chatbot spend is "
                        + "over budget", "Spend of " + label + " grew.", facts, List.of("Use the Batch API."),
                        "2026-11-20 10:00 UTC", List.of("OpenAI figures are stale.")), incident, resolves, null);
    }

    @Test
    void aCriticalAlertTriggersWithTheAlertAsDedupKeyAndItsFiguresAsDetails() {
        JsonNode event = PagerDutyNotifier.event(message("actual_exceeds_budget", Severity.CRITICAL,
                "2026-11/openai/proj_abc/actual_exceeds_budget", false, "proj_abc"), "key-32");

        assertThat(event.get("routing_key").asText()).isEqualTo("key-32");
        assertThat(event.get("event_action").asText()).isEqualTo("trigger");
        assertThat(event.get("dedup_key").asText()).isEqualTo("burnrate/2026-11/openai/proj_abc/actual_exceeds_budget");
        assertThat(event.at("/payload/summary").asText())
                .isEqualTo("chatbot spend $612 is over the $500 budget for November 2026");
        assertThat(event.at("/payload/severity").asText()).isEqualTo("critical");
        assertThat(event.at("/payload/component").asText()).isEqualTo("openai");
        assertThat(event.at("/payload/group").asText()).isEqualTo("openai/proj_abc");
        assertThat(event.at("/payload/custom_details/Month to date").asText()).isEqualTo("$1,211.90 (P90 $1,300.00)");
        assertThat(event.at("/payload/custom_details/notes/0").asText()).isEqualTo("OpenAI figures are stale.");
        assertThat(event.at("/payload/custom_details/advice/0").asText()).isEqualTo("Use the Batch API.");
    }

    @Test
    void anEndResolvesByTheSameKeyWithNoPayload() {
        JsonNode event = PagerDutyNotifier.event(message("runaway_over", Severity.INFO,
                "runaway/openai/2026-11-20T03:00:00Z", true, "x"), "key-32");

        assertThat(event.get("event_action").asText()).isEqualTo("resolve");
        assertThat(event.get("dedup_key").asText()).isEqualTo("burnrate/runaway/openai/2026-11-20T03:00:00Z");
        assertThat(event.has("payload")).isFalse();
    }

    @Test
    void onlyIncidentsAtTheLeastSeverityArePagedAndOnlyThoseAreResolved() {
        AlertMessage info = message("actual_threshold_50", Severity.INFO, "2026-11/total/actual_threshold_50", false, "x");
        AlertMessage forecast = message("forecast_exceeds_budget", Severity.WARNING,
                "2026-11/total/forecast_exceeds_budget", false, "x");
        // recoveries are info messages; what counts is the alert they end
        AlertMessage infoBack = withIncidentSeverity(message("recovered", Severity.INFO,
                "2026-11/total/actual_threshold_50", true, "x"), Severity.INFO);
        AlertMessage forecastBack = withIncidentSeverity(message("recovered", Severity.INFO,
                "2026-11/total/forecast_exceeds_budget", true, "x"), Severity.WARNING);
        AlertMessage digest = message("daily_digest", Severity.INFO, null, false, "x");

        assertThat(PagerDutyNotifier.pages(info, Severity.WARNING)).isFalse();
        assertThat(PagerDutyNotifier.pages(infoBack, Severity.WARNING)).as("never paged, so not resolved").isFalse();
        assertThat(PagerDutyNotifier.pages(forecast, Severity.WARNING)).isTrue();
        assertThat(PagerDutyNotifier.pages(forecastBack, Severity.WARNING)).isTrue();
        assertThat(PagerDutyNotifier.pages(forecast, Severity.CRITICAL)).isFalse();
        assertThat(PagerDutyNotifier.pages(info, Severity.INFO)).isTrue();
        assertThat(PagerDutyNotifier.pages(infoBack, Severity.INFO)).isTrue();
        assertThat(PagerDutyNotifier.pages(digest, Severity.INFO)).as("news, no incident").isFalse();
    }

    private static AlertMessage withIncidentSeverity(AlertMessage m, Severity severity) {
        return new AlertMessage(m.kind(), m.severity(), m.budgetId(), m.vendor(), m.subject(), m.text(), m.html(),
                m.content(), m.incident(), m.resolves(), severity);
    }

    @Test
    void aDedupKeyStaysWithinPagerDutysLimit() {
        String incident = "2026-11/openai/" + "p".repeat(300) + "/actual_exceeds_budget";
        assertThat(PagerDutyNotifier.dedupKey(message("actual_exceeds_budget", Severity.CRITICAL, incident, false, "x")))
                .hasSize(255).startsWith("burnrate/2026-11/openai/ppp");
    }

    @Test
    void teamsCardsShowMarkdownAndFunctionsAsTheCharactersTheyAre() {
        assertThat(TeamsNotifier.escape("[click](https://evil.example)")).isEqualTo("\\[click\\](https://evil.example)");
        assertThat(TeamsNotifier.escape("**urgent** _now_")).isEqualTo("\\*\\*urgent\\*\\* \\_now\\_");
        assertThat(TeamsNotifier.escape("{{DATE(2017-02-14T06:08:39Z, SHORT)}}"))
                .isEqualTo("\\{{DATE(2017-02-14T06:08:39Z, SHORT)}}");
        assertThat(TeamsNotifier.escape("- item\n1. first\n  # title")).isEqualTo("\\- item\n1\\. first\n  \\# title");
        assertThat(TeamsNotifier.escape("back\\slash `code`")).isEqualTo("back\\\\slash \\`code\\`");
        // ordinary text is left as it is
        assertThat(TeamsNotifier.escape("$1,211.90 (P90 $1,300.00) - crosses on Nov 25, gpt-5-mini"))
                .isEqualTo("$1,211.90 (P90 $1,300.00) - crosses on Nov 25, gpt-5-mini");
    }

    @Test
    void aTeamsCardCarriesTheWholeMessageEscaped() {
        JsonNode card = TeamsNotifier.card(message("actual_exceeds_budget", Severity.CRITICAL, "k", false,
                "[free](https://evil.example)")).at("/attachments/0/content");

        assertThat(card.get("version").asText()).isEqualTo("1.4");
        assertThat(card.at("/body/0/text").asText()).isEqualTo("chatbot spend is over budget");
        assertThat(card.at("/body/0/color").asText()).isEqualTo("Attention");
        assertThat(card.at("/body/1/text").asText()).isEqualTo("Spend of \\[free\\](https://evil.example) grew.");
        assertThat(card.at("/body/2/facts/1/value").asText()).isEqualTo("\\[free\\](https://evil.example)");
        assertThat(card.at("/body/3/text").asText()).isEqualTo("Tip: Use the Batch API.");
        assertThat(card.at("/body/4/text").asText()).isEqualTo("OpenAI figures are stale.");
        assertThat(card.at("/body/4/color").asText()).isEqualTo("Warning");
        assertThat(card.at("/body/5/text").asText())
                .isEqualTo("burnrate · actual\\_exceeds\\_budget · critical · as of 2026-11-20 10:00 UTC");
    }
}
