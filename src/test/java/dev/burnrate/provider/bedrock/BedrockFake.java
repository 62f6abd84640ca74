package dev.burnrate.provider.bedrock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.client.MappingBuilder;

import dev.burnrate.testing.VendorFake;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;

/** Cost Explorer in its AWS JSON 1.1 protocol, served by WireMock (moto's cannot answer 429 or 500). */
public final class BedrockFake implements VendorFake {

    @Override
    public String id() {
        return "bedrock";
    }

    @Override
    public String costPath() {
        return VendorFixtures.COST_EXPLORER;
    }

    @Override
    public Charge charge(String usd) {
        return new Charge(null, "USE1-Claude-input-tokens", usd);
    }

    @Override
    public Charge credit(String usd) {
        return new Charge(null, "USE1-Credit", usd);
    }

    @Override
    public void serve(VendorFixtures vendors, Days days, int perPage, LocalDate today) {
        serveCostAndUsage(vendors, days, perPage);
    }

    @Override
    public String emptyAnswer() {
        return "{\"ResultsByTime\": [], \"DimensionValueAttributes\": []}";
    }

    @Override
    public String eurAnswer() {
        return "{\"ResultsByTime\": [{\"TimePeriod\": {\"Start\": \"2026-11-19\", \"End\": "
                + "\"2026-11-20\"}, \"Groups\": [{\"Keys\": [\"Amazon Bedrock\", \"USE1-x\"], \"Metrics\": "
                + "{\"UnblendedCost\": {\"Amount\": \"9.0\", \"Unit\": \"EUR\"}}}]}]}";
    }

    /** The AWS SDK retries an unreadable answer up to max-attempts. */
    @Override
    public int triesOfAnUnreadableAnswer() {
        return 3;
    }

    /**
     * Cost Explorer's GetCostAndUsage (AWS JSON 1.1) serving {@code days} as Amazon Bedrock usage types in USD,
     * {@code daysPerPage} days a page linked by {@code NextPageToken}.
     */
    public static void serveCostAndUsage(VendorFixtures fixtures, Days days, int daysPerPage) {
        List<String> results = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            List<String> groups = new ArrayList<>();
            for (Charge charge : charges) {
                groups.add("{\"Keys\": [\"Amazon Bedrock\", \"" + charge.item() + "\"], \"Metrics\": "
                        + "{\"UnblendedCost\": {\"Amount\": \"" + charge.amount() + "\", \"Unit\": \"USD\"}}}");
            }
            results.add("{\"TimePeriod\": {\"Start\": \"" + day + "\", \"End\": \"" + day.plusDays(1)
                    + "\"}, \"Total\": {}, \"Estimated\": false, \"Groups\": [" + String.join(", ", groups) + "]}");
        });
        List<List<String>> pages = VendorFixtures.pages(results, daysPerPage);
        for (int page = 0; page < pages.size(); page++) {
            String token = page + 1 < pages.size() ? ", \"NextPageToken\": \"t" + (page + 2) + "\"" : "";
            MappingBuilder request = com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo(VendorFixtures.COST_EXPLORER))
                    .atPriority(5).withHeader("X-Amz-Target", equalTo("AWSInsightsIndexService.GetCostAndUsage"))
                    .withRequestBody(page == 0
                            ? com.github.tomakehurst.wiremock.client.WireMock.notContaining("NextPageToken")
                            : com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.NextPageToken",
                                    equalTo("t" + (page + 1))));
            fixtures.register(request.willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"ResultsByTime\": [" + String.join(", ", pages.get(page)) + "], "
                            + "\"DimensionValueAttributes\": []" + token + "}")));
        }
    }
}
