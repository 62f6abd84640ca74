package dev.burnrate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.burnrate.config.Redaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretStoreTest {

    @Test
    void readsKeysAndTreatsBlankOrNullAsNotConfigured() {
        Secrets keys = SecretStore.parse("s",
                "{\"openai\": \"sk-admin-abc\", \"anthropic\": \"\", \"openrouter\": null}");

        assertThat(keys.keyFor("openai")).contains("sk-admin-abc");
        assertThat(keys.keyFor("anthropic")).isEmpty();
        assertThat(keys.keyFor("openrouter")).isEmpty();
        assertThat(keys.toString()).doesNotContain("sk-admin-abc");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sk-admin-secret-value | is not JSON",
            "[\"sk-admin-secret-value\"] | must be a JSON object",
            "{\"openai\": 42} | the value of 'openai' must be a string",
    })
    void rejectsABadSecretWithoutEchoingIt(String value, String message) {
        assertThatThrownBy(() -> SecretStore.parse("burnrate/keys", value))
                .hasMessageContaining("'burnrate/keys'").hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-value"));
    }

    @Test
    void redactionCutsKeyLikeTokens() {
        assertThat(Redaction.redact("Incorrect API key provided: sk-admin-AbCdEfGh1234."))
                .isEqualTo("Incorrect API key provided: sk-admi….");
        assertThat(Redaction.redact("x".repeat(400))).hasSize(301);
    }
}
