package dev.burnrate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.burnrate.alert.Severity;

class SlackBlocksTest {

    @Test
    void theNotesOnTheFiguresArePartOfTheSlackMessage() {
        AlertMessage message = new AlertMessage("actual_threshold_50", Severity.INFO, "total", null,
                "[burnrate] AI spend passed 50%", "text", "<p>html</p>", new AlertMessage.Content("AI spend passed 50%",
                        "summary", Map.of("Month to date", "$580.00"), List.of(), "2026-11-20 11:00 UTC",
                        List.of("OpenAI: Nov 18 was re-pulled at $0.00; the stored $10.00 is kept.")), null, false, null);

        String blocks = SlackNotifier.blocks(message).toString();

        assertThat(blocks).contains(":warning: OpenAI: Nov 18 was re-pulled at $0.00; the stored $10.00 is kept.");
    }
}
