package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.testing.DynamoFaultProxy;
import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalAws;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A vendor's time budget ends while its days are being written, or DynamoDB fails part way: the report and the
 * vendor's freshness say exactly what was stored, never "failed" for days that are in the table.
 */
@QuarkusTest
@TestProfile(LedgerWriteBudgetTest.OneSecond.class)
@QuarkusTestResource(LocalWorldResource.class)
class LedgerWriteBudgetTest extends FunctionTestSupport {

    /** One second per vendor: four slow batch writes of the first run's 81 days outlast it. */
    public static class OneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("burnrate.collect.vendor-timeout", "1s", "burnrate.openai.usage", "none");
        }
    }

    private static final LocalDate FROM = LocalDate.of(2026, 9, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @BeforeEach
    void openAiHasEightyOneDays() {
        aws.putSecrets(Map.of("openai", LocalAws.OPENAI_KEY));
        vendors.openAi(new Days().every(FROM, TODAY, new Charge("proj_chat", "gpt-5-mini, input", "10.00")), 31);
    }

    private int storedDays() {
        int days = 0;
        for (String month : new String[] {"2026-09", "2026-10", "2026-11"}) {
            days += (int) aws.partition("COST#" + month).keySet().stream().filter(k -> !k.endsWith("#usage") && !k.equals("~summary")).count();
        }
        return days;
    }

    private String lastSuccess() {
        Map<String, AttributeValue> item = aws.partition("VENDOR").get("openai");
        return item == null || item.get("lastSuccessAt") == null ? null : item.get("lastSuccessAt").s();
    }

    @Test
    void aWriteUnderWayWhenTheBudgetEndsIsFinishedAndReportedAsStored() throws Exception {
        DynamoFaultProxy.arm(dynamoProxy, "BatchWriteItem", DynamoFaultProxy.Fault.SLOW, 4);

        JsonNode report = check(event("scheduled.json"));

        JsonNode openai = byField(report.get("vendors"), "vendor").get("openai");
        assertThat(openai.get("status").asText()).as(openai.toString()).isEqualTo("ok");
        assertThat(openai.get("daysFetched").asInt()).isEqualTo(81);
        assertThat(storedDays()).isEqualTo(81);
        assertThat(lastSuccess()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(report.at("/monthToDateByVendorUsd/openai").decimalValue()).isEqualByComparingTo("200.00");
    }

    @Test
    void aDynamoDbFailurePartWayIsReportedWithWhatWasStored() throws Exception {
        // the third batch of 25 (Oct 21 to Nov 14) is refused; DynamoDB does not retry an access denial
        DynamoFaultProxy.arm(dynamoProxy, "BatchWriteItem", DynamoFaultProxy.Fault.ACCESS_DENIED, 1,
                "openai#2026-10-25");

        JsonNode report = check(event("scheduled.json"));

        JsonNode openai = byField(report.get("vendors"), "vendor").get("openai");
        assertThat(openai.get("status").asText()).isEqualTo("failed");
        assertThat(openai.get("error").asText()).startsWith("openai storing its days: stored 50 of 81 item(s), "
                + "then DynamoDB failed: ").endsWith("the vendor's last success is unchanged, so it is read again "
                        + "next run");
        assertThat(storedDays()).isEqualTo(50);
        assertThat(lastSuccess()).isNull();
        assertThat(aws.partition("COST#2026-09").get("openai#2026-09-30").get("totalUsd").n()).isEqualTo("10.00");
        assertThat(new BigDecimal(report.at("/monthToDateByVendorUsd/openai").asText("0"))).isEqualByComparingTo("0");

        // the next run reads the whole window again and stores all of it
        JsonNode again = check(event("scheduled.json"));
        assertThat(byField(again.get("vendors"), "vendor").get("openai").get("status").asText()).isEqualTo("ok");
        assertThat(storedDays()).isEqualTo(81);
    }
}
