package dev.burnrate.provider.openai;

import java.time.LocalDate;

import dev.burnrate.testing.VendorFake;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;

/** OpenAI's Costs API: daily buckets, {@code amount.value} in dollars. */
public final class OpenAiFake implements VendorFake {

    @Override
    public String id() {
        return "openai";
    }

    @Override
    public String costPath() {
        return VendorFixtures.OPENAI_COSTS;
    }

    @Override
    public Charge charge(String usd) {
        return new Charge("proj_chat", "gpt-5-mini, input", usd);
    }

    @Override
    public void serve(VendorFixtures vendors, Days days, int perPage, LocalDate today) {
        vendors.openAi(days, perPage);
    }

    @Override
    public String emptyAnswer() {
        return "{\"object\": \"page\", \"data\": [], \"has_more\": false, \"next_page\": null}";
    }

    @Override
    public String eurAnswer() {
        return "{\"data\": [{\"start_time\": 1795046400, \"results\": [{\"amount\": "
                + "{\"value\": 9.0, \"currency\": \"eur\"}}]}], \"has_more\": false}";
    }
}
