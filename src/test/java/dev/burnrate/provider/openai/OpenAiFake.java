package dev.burnrate.provider.openai;

import java.math.BigDecimal;
import java.time.LocalDate;
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
        serveCosts(vendors, days, perPage);
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

    /**
     * OpenAI's usage endpoint {@code kind} serving {@code buckets} for {@code bucketWidth} ({@code 1d} or {@code 1h}):
     * completions count tokens, embeddings input tokens, images images (the {@code input} figure).
     */
    public static void serveUsage(VendorFixtures fixtures, String kind, String bucketWidth, Buckets buckets, int bucketsPerPage) {
        List<ObjectNode> bodies = new ArrayList<>();
        buckets.map().forEach((start, results) -> {
            ObjectNode bucket = VendorFixtures.JSON_MAPPER.createObjectNode().put("object", "bucket").put("start_time", start.getEpochSecond())
                    .put("end_time", start.getEpochSecond() + VendorFixtures.widthSeconds(bucketWidth));
            ArrayNode array = bucket.putArray("results");
            for (Tokens t : results) {
                ObjectNode r = array.addObject().put("object", "organization.usage." + kind + ".result");
                if (kind.equals("images")) {
                    r.put("images", t.input()).put("source", "image.generation").put("size", "1024x1024");
                } else {
                    r.put("input_tokens", t.input());
                    if (kind.equals("completions")) {
                        r.put("input_cached_tokens", t.cached()).put("input_cache_write_tokens", t.cacheWrite())
                                .put("input_uncached_tokens", t.input() - t.cached() - t.cacheWrite())
                                .put("output_tokens", t.output())
                                .put("input_audio_tokens", 0).put("output_audio_tokens", 0).putNull("batch")
                                .putNull("service_tier");
                    }
                }
                r.put("num_model_requests", t.requests()).put("project_id", t.project()).putNull("user_id")
                        .putNull("api_key_id").put("model", t.model());
            }
            bodies.add(bucket);
        });
        fixtures.stubPages(VendorFixtures.OPENAI_USAGE + "/" + kind, bodies, bucketsPerPage, "usage_" + bucketWidth + "_", bucketWidth);
    }

    /** OpenAI Costs API serving {@code days} (amounts are dollars), {@code bucketsPerPage} buckets a page. */
    public static void serveCosts(VendorFixtures fixtures, Days days, int bucketsPerPage) {
        List<ObjectNode> buckets = new ArrayList<>();
        days.map().forEach((day, charges) -> {
            ObjectNode bucket = VendorFixtures.JSON_MAPPER.createObjectNode().put("object", "bucket")
                    .put("start_time", VendorFixtures.epoch(day)).put("end_time", VendorFixtures.epoch(day.plusDays(1)));
            ArrayNode results = bucket.putArray("results");
            for (Charge charge : charges) {
                ObjectNode result = results.addObject().put("object", "organization.costs.result");
                result.putObject("amount").put("value", new BigDecimal(charge.amount())).put("currency", "usd");
                result.put("line_item", charge.item()).put("project_id", charge.project()).putNull("api_key_id");
                result.put("quantity", 1000).put("quantity_unit", "tokens");
            }
            buckets.add(bucket);
        });
        fixtures.stubPages(VendorFixtures.OPENAI_COSTS, buckets, bucketsPerPage, "page_");
    }
}
