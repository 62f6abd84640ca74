package dev.burnrate.provider.azure;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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
        serveQuery(vendors, days, perPage);
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

    /** Azure's query endpoint serving {@code days}, {@code rowsPerPage} rows a page linked by {@code nextLink}. */
    public static void serveQuery(VendorFixtures fixtures, Days days, int rowsPerPage) {
        List<String> rows = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            for (Charge charge : charges) {
                rows.add("[" + charge.amount() + ", " + day.toString().replace("-", "") + ", \"" + charge.item()
                        + "\", \"/subscriptions/s/accounts/" + charge.project() + "\", \"USD\"]");
            }
        });
        List<List<String>> pages = VendorFixtures.pages(rows, rowsPerPage);
        for (int page = 0; page < pages.size(); page++) {
            String next = page + 1 < pages.size() ? "\"https://management.azure.com" + VendorFixtures.AZURE_QUERY
                    + "?api-version=2024-08-01&$skiptoken=page" + (page + 2) + "\"" : "null";
            fixtures.postAnswer(VendorFixtures.AZURE_QUERY, "$skiptoken", page == 0 ? null : "page" + (page + 1), 200,
                    "{\"properties\": {\"nextLink\": " + next + ", " + VendorFixtures.AZURE_COLUMNS + ", \"rows\": ["
                            + String.join(", ", pages.get(page)) + "]}}");
        }
    }
}
