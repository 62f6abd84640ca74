package dev.burnrate.provider.openrouter;

import java.time.LocalDate;

import dev.burnrate.testing.VendorFake;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;

/** OpenRouter's activity: USD per completed day, one answer, no pages, no currency. */
public final class OpenRouterFake implements VendorFake {

    @Override
    public String id() {
        return "openrouter";
    }

    @Override
    public String costPath() {
        return VendorFixtures.OPENROUTER_ACTIVITY;
    }

    @Override
    public Charge charge(String usd) {
        return new Charge(null, "anthropic/claude-sonnet-4.5", usd);
    }

    @Override
    public Charge credit(String usd) {
        return new Charge(null, "refund", usd);
    }

    @Override
    public void serve(VendorFixtures vendors, Days days, int perPage, LocalDate today) {
        vendors.openRouter(days, today);
    }

    @Override
    public String emptyAnswer() {
        return "{\"data\": []}";
    }

    @Override
    public String eurAnswer() {
        return null;
    }

    @Override
    public boolean pages() {
        return false;
    }

    @Override
    public boolean reportsToday() {
        return false;
    }
}
