package dev.burnrate.contain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy line: the most specific entry wins, anything not named is off, every mistake is named. */
class PoliciesTest {

    @Test
    void theMostSpecificEntryWinsAndWhatIsNotNamedIsOff() {
        Policies policies = Policies.parse("openai/proj_batch=auto; openai=suggest; anthropic/wrkspc_dev=off; "
                + "anthropic=suggest; bedrock/app-role=suggest");

        assertThat(policies.modeFor(new Target("openai", "proj_batch"))).isEqualTo(Mode.AUTO);
        assertThat(policies.modeFor(new Target("openai", "proj_chat"))).isEqualTo(Mode.SUGGEST);
        assertThat(policies.modeFor(new Target("anthropic", "wrkspc_dev"))).isEqualTo(Mode.OFF);
        assertThat(policies.modeFor(new Target("anthropic", "wrkspc_prod"))).isEqualTo(Mode.SUGGEST);
        assertThat(policies.modeFor(new Target("openrouter", "hash_1"))).isEqualTo(Mode.OFF);
        assertThat(policies.modeFor(new Target("bedrock", "other-role"))).isEqualTo(Mode.OFF);
        assertThat(policies.covers("openrouter")).isFalse();
        assertThat(policies.covers("bedrock")).isTrue();
        assertThat(policies.bedrockRoles()).containsExactly("app-role");
        assertThat(policies).hasToString("openai/proj_batch=auto; openai=suggest; anthropic/wrkspc_dev=off; "
                + "anthropic=suggest; bedrock/app-role=suggest");
    }

    @Test
    void onlyAProjectNamedCoversItsVendor() {
        Policies policies = Policies.parse("openai/proj_batch=auto");

        assertThat(policies.covers("openai")).isTrue();
        assertThat(policies.modeFor(new Target("openai", "proj_chat"))).isEqualTo(Mode.OFF);
    }

    @Test
    void nothingOrOnlyOffIsOff() {
        assertThat(Policies.parse("").any()).isFalse();
        assertThat(Policies.parse(null).any()).isFalse();
        assertThat(Policies.parse(" ; ").any()).isFalse();
        Policies off = Policies.parse("openai=off; bedrock/app-role=off");
        assertThat(off.any()).isFalse();
        assertThat(off.covers("openai")).isFalse();
        assertThat(off.bedrockRoles()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "openai|entry 1 (\"openai\") must be SCOPE=MODE, e.g. openai=suggest",
        "=auto|entry 1 (\"=auto\") must be SCOPE=MODE, e.g. openai=suggest",
        "openai=on|entry 1 (\"openai=on\"): mode 'on' must be off, suggest or auto",
        "openai=suggest; openai=AUTO|entry 2 (\"openai=AUTO\"): mode 'AUTO' must be off, suggest or auto",
        "mistral=suggest|entry 1 (\"mistral=suggest\"): unknown vendor 'mistral'; burnrate can contain openai, "
                + "anthropic, openrouter, bedrock",
        "openai/=suggest|entry 1 (\"openai/=suggest\"): 'openai/' names no id after the '/'",
        "bedrock=suggest|entry 1 (\"bedrock=suggest\"): Bedrock is contained by denying it to an IAM role, so name "
                + "the role: bedrock/ROLE_NAME (letters, digits and +=,.@_-, at most 64)",
        "bedrock/app role=suggest|entry 1 (\"bedrock/app role=suggest\"): Bedrock is contained by denying it to an IAM "
                + "role, so name the role: bedrock/ROLE_NAME (letters, digits and +=,.@_-, at most 64)",
        "openai=suggest; openai = auto|entry 2 (\"openai = auto\"): scope 'openai' is named twice",
    })
    void everyMistakeIsRefusedNamingTheEntry(String spec, String message) {
        assertThatThrownBy(() -> Policies.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void azureAndGoogleAreRefusedWithWhatCanBeDoneInstead() {
        assertThatThrownBy(() -> Policies.parse("azure=suggest")).hasMessageStartingWith(
                "entry 1 (\"azure=suggest\"): burnrate cannot contain azure: Azure OpenAI has no dollar cap")
                .hasMessageContaining("tokens-per-minute quota");
        assertThatThrownBy(() -> Policies.parse("openai=suggest; google/proj=auto")).hasMessageStartingWith(
                "entry 2 (\"google/proj=auto\"): burnrate cannot contain google: Google has no per-key")
                .hasMessageContaining("Google Cloud console");
    }
}
