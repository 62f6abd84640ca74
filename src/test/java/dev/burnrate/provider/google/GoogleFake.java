package dev.burnrate.provider.google;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.burnrate.testing.VendorFake;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;

/** BigQuery over the billing export: {@code jobs.query}, later pages from {@code getQueryResults}. */
public final class GoogleFake implements VendorFake {

    @Override
    public String id() {
        return "google";
    }

    @Override
    public String costPath() {
        return VendorFixtures.BIGQUERY_QUERIES;
    }

    @Override
    public int costRequests(VendorFixtures vendors) {
        return vendors.requests(VendorFixtures.BIGQUERY_QUERIES).size()
                + vendors.requests(VendorFixtures.BIGQUERY_QUERIES + "/job_1").size();
    }

    @Override
    public Charge charge(String usd) {
        return new Charge("p", "Gemini 2.5 Pro", usd);
    }

    @Override
    public void serve(VendorFixtures vendors, Days days, int perPage, LocalDate today) {
        serveQuery(vendors, days, perPage);
    }

    @Override
    public String emptyAnswer() {
        return "{\"jobComplete\": true, " + VendorFixtures.BIGQUERY_SCHEMA + ", \"rows\": []}";
    }

    @Override
    public String eurAnswer() {
        return "{\"jobComplete\": true, " + VendorFixtures.BIGQUERY_SCHEMA + ", \"rows\": ["
                + VendorFixtures.bigQueryRow("2026-11-19", "Gemini API", "s", "p", "EUR", "9.0", "0") + "]}";
    }

    @Override
    public boolean reportsEmptyDays() {
        return false;
    }

    /**
     * BigQuery serving {@code days}, {@code rowsPerPage} rows a page: the first from jobs.query, the others from
     * jobs.getQueryResults of job {@code job_1} by {@code pageToken}.
     */
    public static void serveQuery(VendorFixtures fixtures, Days days, int rowsPerPage) {
        List<String> rows = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            for (Charge charge : charges) {
                rows.add(VendorFixtures.bigQueryRow(day.toString(), "Gemini API", charge.item(),
                        charge.project() == null ? "p" : charge.project(), "USD", charge.amount(), "0"));
            }
        });
        List<List<String>> pages = VendorFixtures.pages(rows, rowsPerPage);
        for (int page = 0; page < pages.size(); page++) {
            String token = page + 1 < pages.size() ? "\"pageToken\": \"p" + (page + 2) + "\", " : "";
            String body = "{\"jobReference\": {\"jobId\": \"job_1\", \"location\": \"US\"}, \"jobComplete\": true, "
                    + VendorFixtures.BIGQUERY_SCHEMA + ", \"totalRows\": \"" + rows.size() + "\", " + token + "\"rows\": ["
                    + String.join(", ", pages.get(page)) + "]}";
            if (page == 0) {
                fixtures.postAnswer(VendorFixtures.BIGQUERY_QUERIES, null, null, 200, body);
            } else {
                fixtures.getAnswer(VendorFixtures.BIGQUERY_QUERIES + "/job_1", "pageToken", "p" + (page + 1), body);
            }
        }
    }
}
