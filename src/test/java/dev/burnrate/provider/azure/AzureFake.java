package dev.burnrate.provider.azure;

import java.time.LocalDate;

import dev.burnrate.testing.VendorFake;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;

/** Azure Cost Management's query: positional rows, {@code nextLink} pages, at most 31 days a query. */
public final class AzureFake implements VendorFake {

    @Override
    public String id() {
        return "azure";
    }

    @Override
    public String costPath() {
        return VendorFixtures.AZURE_QUERY;
    }

    @Override
    public Charge charge(String usd) {
        return new Charge("prod-openai", "Azure OpenAI GPT5", usd);
    }

    @Override
    public void serve(VendorFixtures vendors, Days days, int perPage, LocalDate today) {
        vendors.azure(days, perPage);
    }

    @Override
    public String emptyAnswer() {
        return "{\"properties\": {\"nextLink\": null, " + VendorFixtures.AZURE_COLUMNS + ", \"rows\": []}}";
    }

    @Override
    public String eurAnswer() {
        return "{\"properties\": {\"nextLink\": null, " + VendorFixtures.AZURE_COLUMNS
                + ", \"rows\": [[9.0, 20261119, \"Azure OpenAI GPT5\", \"/x/accounts/a\", \"EUR\"]]}}";
    }

    @Override
    public boolean reportsEmptyDays() {
        return false;
    }
}
