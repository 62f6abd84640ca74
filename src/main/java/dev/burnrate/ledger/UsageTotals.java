package dev.burnrate.ledger;

/**
 * A vendor's token and request counts for a day or a month, summed over models and projects.
 *
 * @param requests         model requests; null where the vendor does not count them
 * @param notInCostTokens  input and output tokens whose cost the vendor's cost report leaves out (Anthropic's
 *                         Priority Tier); they are in the other counts too
 */
public record UsageTotals(long inputTokens, long cachedInputTokens, long outputTokens, Long requests,
        long notInCostTokens) {

    public static final UsageTotals NONE = new UsageTotals(0, 0, 0, null);

    public UsageTotals(long inputTokens, long cachedInputTokens, long outputTokens, Long requests) {
        this(inputTokens, cachedInputTokens, outputTokens, requests, 0);
    }

    public UsageTotals plus(UsageTotals other) {
        Long sum = requests == null ? other.requests
                : other.requests == null ? requests : Long.valueOf(requests + other.requests);
        return new UsageTotals(inputTokens + other.inputTokens, cachedInputTokens + other.cachedInputTokens,
                outputTokens + other.outputTokens, sum, notInCostTokens + other.notInCostTokens);
    }

    /** The totals of {@code lines}. */
    public static UsageTotals of(java.util.List<dev.burnrate.provider.UsageLine> lines) {
        UsageTotals total = NONE;
        for (dev.burnrate.provider.UsageLine line : lines) {
            total = total.plus(new UsageTotals(line.inputTokens(), line.cachedInputTokens(), line.outputTokens(),
                    line.requests(), line.notInCost() ? line.inputTokens() + line.outputTokens() : 0));
        }
        return total;
    }
}
