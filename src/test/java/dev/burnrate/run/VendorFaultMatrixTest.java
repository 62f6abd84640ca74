package dev.burnrate.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.burnrate.provider.VendorCollector;
import dev.burnrate.testing.FunctionTestSupport;
import dev.burnrate.testing.LocalWorldResource;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFake;
import dev.burnrate.testing.VendorFixtures.Days;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each vendor against each fault: the run completes, the other vendor is stored, the report names the failure,
 * nothing wrong is stored and what was stored before is intact.
 */
@QuarkusTest
@TestProfile(VendorFaultMatrixTest.SixVendors.class)
@QuarkusTestResource(LocalWorldResource.class)
class VendorFaultMatrixTest extends FunctionTestSupport {

    /**
     * All six vendors. Cost Explorer is served by WireMock here, in its AWS JSON 1.1 protocol (moto's cannot
     * answer 429 or 500), and is called every run.
     */
    public static class SixVendors implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>();
            config.put("burnrate.azure.scope", "subscriptions/00000000-0000-0000-0000-000000000001");
            config.put("burnrate.azure.tenant-id", "tenant-1");
            config.put("burnrate.azure.client-id", "app-1");
            config.put("burnrate.google.billing-table", "billing-proj.billing.gcp_billing_export_v1_0A1B2C");
            config.put("burnrate.bedrock.enabled", "true");
            config.put("burnrate.bedrock.min-interval", "0s");
            config.put("burnrate.bedrock.endpoint-override", "http://127.0.0.1:${test.wiremock.port}");
            // a configured rate for one currency only: EUR stays without one, to be reported as not counted
            config.put("burnrate.currency.usd-rates", "JPY=0.0066");
            // short read timeouts: the time-out faults wait them out for real, three tries each
            config.put("quarkus.rest-client.read-timeout", "500");
            config.put("burnrate.bedrock.read-timeout", "500ms");
            // a first run reads this month only (Nov 1-20): six vendors' history would only slow each test
            config.put("burnrate.collect.history-months", "0");
            return config;
        }
    }

    private static final LocalDate FROM = LocalDate.of(2026, 11, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    enum Fault {
        RATE_LIMITED_WITH_RETRY_AFTER, SERVER_ERROR_THEN_SUCCESS, TIMEOUT, MALFORMED_JSON, EMPTY_RESULT,
        NEGATIVE_AMOUNT, NON_USD_CURRENCY, THREE_PAGES
    }

    /** Every registered vendor and fault; a vendor without pages or without currencies skips those faults. */
    static Stream<Arguments> matrix() {
        return VendorFake.ALL.stream()
                .flatMap(fake -> Stream.of(Fault.values())
                        .filter(f -> f != Fault.THREE_PAGES || fake.pages())
                        .filter(f -> f != Fault.NON_USD_CURRENCY || fake.eurAnswer() != null)
                        .map(fault -> Arguments.of(fake.id(), fault)));
    }

    @Inject
    @Any
    Instance<VendorCollector> collectors;

    @Test
    void everyVendorOfTheFunctionHasAFakeAndSoRunsThroughEveryFault() {
        assertThat(VendorFake.ALL.stream().map(VendorFake::id))
                .containsExactlyInAnyOrderElementsOf(collectors.stream().map(VendorCollector::id).toList());
    }

    private static String path(String vendor) {
        return VendorFake.of(vendor).costPath();
    }

    @BeforeEach
    void everyVendorHasItsKey() {
        everyVendorHasAKey();
    }

    /** $10 a day at each vendor, in its own unit, from {@code from}; {@code creditFor} gets a $30 credit on Nov 19. */
    private void serve(LocalDate from, int bucketsPerPage, String creditFor) {
        for (VendorFake fake : VendorFake.ALL) {
            Days days = new Days().every(from, TODAY, fake.charge("10.00"));
            if (fake.id().equals(creditFor)) {
                days.add(TODAY.minusDays(1), fake.credit("-30.00"));
            }
            fake.serve(vendors, days, bucketsPerPage, TODAY);
        }
    }

    /** Requests the vendor's cost endpoints got. */
    private int requests(String vendor) {
        return VendorFake.of(vendor).costRequests(vendors);
    }

    private BigDecimal stored(String vendor, String day) {
        Map<String, AttributeValue> item = aws.partition("COST#2026-11").get(vendor + "#" + day);
        return item == null ? null : new BigDecimal(item.get("totalUsd").n());
    }

    private static String nonUsd(String vendor) {
        return VendorFake.of(vendor).eurAnswer();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("matrix")
    void theRunCompletesAndStoredDataStaysRight(String vendor, Fault fault) throws Exception {
        String other = vendor.equals("openai") ? "anthropic" : "openai";
        assertThat(vendors.requests(path(vendor))).isEmpty();
        serve(FROM, 31, null);
        if (fault == Fault.NON_USD_CURRENCY) {
            // billed in EUR from the start: a stored $10 day re-pulled as uncounted EUR would be a held drop
            vendors.answer(path(vendor), 200, nonUsd(vendor));
        }
        check(event("scheduled.json"));
        int before = requests(vendor);
        // the fixture serves whole pages whatever the window asked: an ordinary run makes as many requests as the first
        int ordinary = before;
        switch (fault) {
            case RATE_LIMITED_WITH_RETRY_AFTER -> vendors.failFirst(path(vendor), 429,
                    "{\"error\": {\"message\": \"Rate limit reached\", \"type\": \"rate_limit_error\"}}", "1");
            case SERVER_ERROR_THEN_SUCCESS -> vendors.failFirst(path(vendor), 500,
                    "{\"error\": {\"message\": \"Internal error\"}}", null);
            // past the 500 ms read timeout of the HTTP vendors and of Cost Explorer's SDK client
            case TIMEOUT -> vendors.slow(path(vendor), VendorFake.of(vendor).timeoutMillis());
            case MALFORMED_JSON -> vendors.answer(path(vendor), 200, "{\"data\": [ {\"start");
            case EMPTY_RESULT -> vendors.answer(path(vendor), 200, VendorFake.of(vendor).emptyAnswer());
            case NEGATIVE_AMOUNT -> serve(FROM, 31, vendor);
            case NON_USD_CURRENCY -> vendors.answer(path(vendor), 200, nonUsd(vendor));
            case THREE_PAGES -> serve(TODAY.minusDays(5), 2, null);
        }

        JsonNode report = check(event("scheduled.json"));

        JsonNode status = byField(report.get("vendors"), "vendor").get(vendor);
        assertThat(byField(report.get("vendors"), "vendor").get(other).get("status").asText()).isEqualTo("ok");
        int requests = requests(vendor) - before;
        switch (fault) {
            case RATE_LIMITED_WITH_RETRY_AFTER, SERVER_ERROR_THEN_SUCCESS -> {
                assertThat(status.get("status").asText()).isEqualTo("ok");
                assertThat(requests).isEqualTo(ordinary + 1);
            }
            case TIMEOUT -> {
                assertThat(status.get("status").asText()).isEqualTo("failed");
                assertThat(status.get("error").asText()).startsWith(vendor);
            }
            case MALFORMED_JSON -> {
                assertThat(status.get("error").asText()).contains("not the expected JSON");
                // the HTTP vendors give up at once; the AWS SDK retries an unreadable answer up to max-attempts
                assertThat(requests).isEqualTo(VendorFake.of(vendor).triesOfAnUnreadableAnswer());
            }
            case EMPTY_RESULT -> {
                // no day at all where days were stored: a glitch, not a refresh; the vendor stays as stale as it was
                assertThat(status.get("status").asText()).isEqualTo("failed");
                assertThat(status.get("error").asText()).contains("not counted as a refresh");
            }
            case NEGATIVE_AMOUNT -> {
                // a $30 credit makes the stored $10 day -$20: held until a read six hours on confirms it
                assertThat(status.get("status").asText()).isEqualTo("ok");
                assertThat(stored(vendor, "2026-11-19")).isEqualByComparingTo("10.00");
                assertThat(status.at("/heldDays/0/reportedUsd").decimalValue()).isEqualByComparingTo("-20.00");
                clock.advance(java.time.Duration.ofHours(6));
                JsonNode confirmed = check(event("scheduled.json"));
                assertThat(stored(vendor, "2026-11-19")).isEqualByComparingTo("-20.00");
                // OpenRouter does not report today; the others bill $10 for it
                assertThat(confirmed.at("/monthToDateByVendorUsd/" + vendor).decimalValue())
                        .isEqualByComparingTo(VendorFake.of(vendor).reportsToday() ? "170.00" : "160.00");
            }
            case NON_USD_CURRENCY -> {
                // kept with its currency and reported, never added to dollars
                assertThat(status.get("status").asText()).isEqualTo("ok");
                assertThat(status.at("/otherCurrencies/EUR").decimalValue()).isEqualByComparingTo("9.00");
                assertThat(stored(vendor, "2026-11-19")).isEqualByComparingTo("0");
                var line = aws.partition("COST#2026-11").get(vendor + "#2026-11-19").get("lines").l().get(0).m();
                assertThat(line.get("currency").s()).isEqualTo("EUR");
                assertThat(new BigDecimal(line.get("amount").n())).isEqualByComparingTo("9.00");
            }
            case THREE_PAGES -> {
                assertThat(status.get("status").asText()).isEqualTo("ok");
                assertThat(requests).isEqualTo(3); // six days, two buckets a page
                assertThat(status.get("daysFetched").asInt()).isEqualTo(4); // the window keeps the trailing four
            }
        }
        if (fault != Fault.NEGATIVE_AMOUNT && fault != Fault.NON_USD_CURRENCY) {
            // what the first run stored is intact, whatever the second run met
            assertThat(stored(vendor, "2026-11-19")).isEqualByComparingTo("10.00");
            assertThat(stored(vendor, "2026-11-05")).isEqualByComparingTo("10.00");
        }
        assertThat(stored(other, "2026-11-19")).isEqualByComparingTo("10.00");
    }
}
