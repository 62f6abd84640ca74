package dev.burnrate.testing;

import java.time.LocalDate;
import java.util.List;

import dev.burnrate.testing.VendorFixtures.Charge;
import dev.burnrate.testing.VendorFixtures.Days;

/**
 * One vendor as the tests fake it: which endpoint faults are armed on, how a charge is written in its own unit, and
 * its answers in its documented shapes. Each lives beside the vendor's collector ({@code dev.burnrate.provider.<id>}
 * in the tests); {@link #ALL} registers them, and the fault matrix and the figures tests iterate over it, so a new
 * vendor joins every fault by adding its fake here.
 */
public interface VendorFake {

    /** Every vendor's fake; a test checks it names exactly the vendors the function has. */
    List<VendorFake> ALL = List.of(new dev.burnrate.provider.anthropic.AnthropicFake(),
            new dev.burnrate.provider.azure.AzureFake(), new dev.burnrate.provider.bedrock.BedrockFake(),
            new dev.burnrate.provider.google.GoogleFake(), new dev.burnrate.provider.openai.OpenAiFake(),
            new dev.burnrate.provider.openrouter.OpenRouterFake());

    static VendorFake of(String id) {
        return ALL.stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fake for vendor " + id));
    }

    /** The vendor id, as the collector's. */
    String id();

    /** The WireMock path of its cost endpoint: faults are armed on it. */
    String costPath();

    /** Requests its cost endpoint got (all of its paths). */
    default int costRequests(VendorFixtures vendors) {
        return vendors.requests(costPath()).size();
    }

    /** A charge of {@code usd} dollars, written in the vendor's own unit, with its usual project and label. */
    Charge charge(String usd);

    /** A credit or refund of {@code usd} (negative) dollars. */
    default Charge credit(String usd) {
        Charge usual = charge(usd);
        return new Charge(usual.project(), "Credit", usual.amount());
    }

    /** Serves {@code days}, {@code perPage} buckets or rows a page where it pages. */
    void serve(VendorFixtures vendors, Days days, int perPage, LocalDate today);

    /** An answer with no day at all, in its documented shape. */
    String emptyAnswer();

    /** One day, Nov 19 2026, billed EUR 9.00 with no dollar figure; null for a vendor that bills only dollars. */
    String eurAnswer();

    /** True where the answer is split into pages. */
    default boolean pages() {
        return true;
    }

    /** True where a day served without charges is still in the answer (a bucket, or a day the vendor covers). */
    default boolean reportsEmptyDays() {
        return true;
    }

    /** False for a vendor that reports only completed days (OpenRouter). */
    default boolean reportsToday() {
        return true;
    }

    /**
     * How long an answer must be delayed to time out its client: past the 500 ms read timeouts of the six-vendor
     * profile.
     */
    default int timeoutMillis() {
        return 900;
    }

    /** Requests an unreadable answer costs: 1, or more where the client retries it (the AWS SDK). */
    default int triesOfAnUnreadableAnswer() {
        return 1;
    }
}
