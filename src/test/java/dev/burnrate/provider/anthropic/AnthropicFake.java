package dev.burnrate.provider.anthropic;

import java.math.BigDecimal;
import java.time.LocalDate;

import dev.burnrate.testing.VendorFake;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;

/** Anthropic's cost report: daily buckets, {@code amount} a decimal string of cents. */
public final class AnthropicFake implements VendorFake {

    @Override
    public String id() {
        return "anthropic";
    }

    @Override
    public String costPath() {
        return VendorFixtures.ANTHROPIC_COSTS;
    }

    @Override
    public Charge charge(String usd) {
        return new Charge("wrkspc_a", "Claude Haiku 4.5 Usage", new BigDecimal(usd).movePointRight(2).toPlainString());
    }

    @Override
    public void serve(VendorFixtures vendors, Days days, int perPage, LocalDate today) {
        vendors.anthropic(days, perPage);
    }

    @Override
    public String emptyAnswer() {
        return "{\"data\": [], \"has_more\": false, \"next_page\": null}";
    }

    @Override
    public String eurAnswer() {
        return "{\"data\": [{\"starting_at\": \"2026-11-19T00:00:00Z\", \"results\": "
                + "[{\"amount\": \"900\", \"currency\": \"EUR\"}]}], \"has_more\": false}";
    }
}
