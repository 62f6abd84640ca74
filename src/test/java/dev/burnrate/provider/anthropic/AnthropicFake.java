package dev.burnrate.provider.anthropic;

import java.math.BigDecimal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.testing.VendorFake;
import dev.burnrate.testing.VendorFixtures;
import dev.burnrate.testing.VendorFixtures.Buckets;
import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;
import dev.burnrate.testing.VendorFixtures.Tokens;

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
        serveCosts(vendors, days, perPage);
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

    /** Anthropic's messages usage report serving {@code buckets} for {@code bucketWidth}; it counts no requests. */
    public static void serveUsage(VendorFixtures fixtures, String bucketWidth, Buckets buckets, int bucketsPerPage) {
        List<ObjectNode> bodies = new ArrayList<>();
        buckets.map().forEach((start, results) -> {
            ObjectNode bucket = VendorFixtures.JSON_MAPPER.createObjectNode().put("starting_at", start.toString())
                    .put("ending_at", start.plusSeconds(VendorFixtures.widthSeconds(bucketWidth)).toString());
            ArrayNode array = bucket.putArray("results");
            for (Tokens t : results) {
                ObjectNode r = array.addObject().put("uncached_input_tokens", t.input() - t.cached() - t.cacheWrite())
                        .put("cache_read_input_tokens", t.cached());
                r.putObject("cache_creation").put("ephemeral_5m_input_tokens", t.cacheWrite())
                        .put("ephemeral_1h_input_tokens", 0);
                r.put("output_tokens", t.output());
                r.putObject("server_tool_use").put("web_search_requests", 0);
                r.put("model", t.model()).put("workspace_id", t.project()).putNull("api_key_id")
                        .put("service_tier", t.serviceTier()).putNull("context_window").putNull("inference_geo");
            }
            bodies.add(bucket);
        });
        fixtures.stubPages(VendorFixtures.ANTHROPIC_USAGE, bodies, bucketsPerPage, "usage_" + bucketWidth + "_", bucketWidth);
    }

    /** Anthropic cost report serving {@code days} (amounts are decimal strings of cents). */
    public static void serveCosts(VendorFixtures fixtures, Days days, int bucketsPerPage) {
        List<ObjectNode> buckets = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            ObjectNode bucket = VendorFixtures.JSON_MAPPER.createObjectNode()
                    .put("starting_at", day.atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                    .put("ending_at", day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
            ArrayNode results = bucket.putArray("results");
            for (Charge charge : charges) {
                results.addObject().put("amount", charge.amount()).put("currency", "USD")
                        .put("description", charge.item()).put("cost_type", "tokens")
                        .put("model", "claude-sonnet-4-5-20250929").put("token_type", "uncached_input_tokens")
                        .put("service_tier", "standard").put("context_window", "0-200k").putNull("inference_geo")
                        .put("workspace_id", charge.project());
            }
            buckets.add(bucket);
        });
        fixtures.stubPages(VendorFixtures.ANTHROPIC_COSTS, buckets, bucketsPerPage, "page_");
    }
}
