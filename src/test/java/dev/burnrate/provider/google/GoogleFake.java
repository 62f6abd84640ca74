package dev.burnrate.provider.google;

import java.time.LocalDate;

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
        vendors.google(days, perPage);
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
}
