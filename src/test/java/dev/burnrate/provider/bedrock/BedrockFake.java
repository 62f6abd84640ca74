package dev.burnrate.provider.bedrock;

import java.time.LocalDate;

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
        vendors.bedrock(days, perPage);
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

    /** The SDK client waits longer than the HTTP read timeout: past the 5 s time budget instead. */
    @Override
    public int timeoutMillis() {
        return 6000;
    }

    /** The AWS SDK retries an unreadable answer up to max-attempts. */
    @Override
    public int triesOfAnUnreadableAnswer() {
        return 3;
    }
}
