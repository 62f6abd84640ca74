package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalAws;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The secrets from an SSM Parameter Store SecureString (template parameter SecretsParameterName) instead of a
 * Secrets Manager secret: GetParameter with decryption, signed with SigV4, against moto's SSM.
 */
@QuarkusTest
@TestProfile(SsmSecretsFunctionTest.FromSsm.class)
@QuarkusTestResource(LocalWorldResource.class)
class SsmSecretsFunctionTest extends FunctionTestSupport {

    static final String PARAMETER = "/burnrate/test/secrets";

    public static class FromSsm implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.secrets.source", "ssm", "burnrate.secrets.secret-id", PARAMETER);
        }
    }

    @BeforeEach
    void openAiSpends() {
        vendors.openAi(new Days().every(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 20),
                new Charge("proj_chat", "gpt-5-mini-2025-08-07, input", "6.00")), 31);
    }

    @Test
    void theVendorsKeysComeFromTheSecureStringParameter() throws Exception {
        aws.putParameter(PARAMETER, "{\"openai\": \"sk-admin-from-parameter-store\"}", "SecureString");

        JsonNode report = check(event("scheduled.json"));

        JsonNode openAi = byField(report.get("vendors"), "vendor").get("openai");
        assertThat(openAi.get("status").asText()).as(openAi.toString()).isEqualTo("ok");
        assertThat(vendors.requests(VendorFixtures.OPENAI_COSTS).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer sk-admin-from-parameter-store");
        assertThat(byField(report.get("vendors"), "vendor").get("anthropic").get("status").asText())
                .as("no key in the parameter").isEqualTo("not_configured");
        assertThat(report.toString()).doesNotContain("sk-admin-from-parameter-store");
    }

    @Test
    void aMissingParameterFailsTheInvocationNamingIt() {
        aws.putParameter(PARAMETER, "{}", "SecureString");
        aws.deleteParameter(PARAMETER);

        Response response = invoke("{}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.jsonPath().getString("errorMessage")).isEqualTo("SSM parameter '" + PARAMETER
                + "' (burnrate.secrets.secret-id) does not exist");
    }

    @Test
    void aPlainStringParameterIsRefusedWithoutShowingItsValue() {
        aws.putParameter(PARAMETER, "{\"openai\": \"sk-admin-in-plain-text\"}", "String");

        Response response = invoke("{}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.jsonPath().getString("errorMessage")).isEqualTo("SSM parameter '" + PARAMETER
                + "' is a String; burnrate reads its secrets only from a SecureString (encrypted) parameter")
                .doesNotContain("plain-text");
        assertThat(vendors.requests(VendorFixtures.OPENAI_COSTS)).isEmpty();
    }

    @Test
    void aParameterThatIsNotJsonIsNamedWithoutShowingIt() {
        aws.putParameter(PARAMETER, "sk-admin-just-a-key", "SecureString");

        Response response = invoke("{}");

        assertThat(response.jsonPath().getString("errorMessage")).isEqualTo("SSM parameter '" + PARAMETER
                + "' is not JSON; expected an object such as {\"openai\": \"sk-admin-...\"}");
    }
}
