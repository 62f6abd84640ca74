package dev.burnrate.run;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.burnrate.config.Redaction;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one check returns (the Lambda's JSON response). Money is USD with two decimals; instants are
 * ISO-8601 UTC strings; days are {@code yyyy-MM-dd}.
 *
 * @param trigger        {@code scheduled} or {@code manual}
 * @param asOf           the instant the figures are as of (the run time, or the event's asOf)
 * @param vendors        one entry per known vendor
 * @param monthToDateUsd all vendors together
 * @param budgetUsd      the {@code total} budget, or null when only vendor or project budgets are set
 * @param forecast       the forecast of all vendors together
 * @param budgets        one entry per configured budget
 * @param collectMs      wall time of collecting every vendor (in parallel) and storing the days
 * @param alerts         what this run sent, one entry per alert and channel ({@code recovered} and
 *                       {@code daily_digest} included)
 * @param containment    what the run did about containment: actions proposed, approved by the auto rule, acted on,
 *                       taken over or expired (what it would propose, in a dry run); empty with no policy
 */
@RegisterForReflection
public record CheckReport(String runAt, String asOf, String month, String trigger, boolean dryRun,
        List<VendorStatus> vendors, BigDecimal monthToDateUsd, Map<String, BigDecimal> monthToDateByVendorUsd,
        BigDecimal budgetUsd, ForecastView forecast, List<BudgetStatus> budgets, List<SentAlert> alerts,
        long collectMs, List<ContainmentService.Line> containment) {

    /**
     * @param status      {@code ok}, {@code not_configured}, {@code failed}, or {@code stored} (an asOf replay:
     *                    figures from the ledger, the vendor was not called)
     * @param error       what went wrong, for {@code failed}
     * @param daysFetched days pulled from the vendor in this run
     * @param fetchedAt   when the vendor's newest stored figures were fetched, or null if never
     * @param stale       true when the vendor has not been collected successfully for longer than
     *                    {@code burnrate.collect.stale-after}
     * @param tookMs      how long collecting and storing it took in this run
     * @param otherCurrencies month-to-date amounts the vendor billed in other currencies, by currency: stored
     *                    and shown, never added to the dollar figures
     * @param balanceUsd  prepaid credits left where the vendor is prepaid (OpenRouter), else null
     * @param usage       month-to-date token and request counts where the vendor reports usage, else null
     * @param usageError  why usage could not be read in this run (the cost was still stored), or null
     * @param runaway     the runaway in progress at this vendor, or null
     * @param heldDays    days of the month the vendor re-pulled sharply lower than stored: the stored figure counts
     *                    until a later read confirms the drop
     * @param notes       what to know to trust {@code monthToDateUsd}, in words (held days, other currencies and how
     *                    they were counted, usage left out of the vendor's cost report, what this read billed); the
     *                    same sentences are in every message
     */
    @RegisterForReflection
    public record VendorStatus(String vendor, String status, String error, int daysFetched, String fetchedAt,
            BigDecimal monthToDateUsd, boolean stale, long tookMs, Map<String, BigDecimal> otherCurrencies,
            BigDecimal balanceUsd, UsageView usage, String usageError, RunawayView runaway, List<HeldDay> heldDays,
            List<String> notes) {

        /** What a vendor or DynamoDB said goes out only through {@link Redaction}. */
        public VendorStatus {
            error = Redaction.scrub(error);
            usageError = Redaction.scrub(usageError);
            notes = notes == null ? List.of() : notes.stream().map(Redaction::scrub).toList();
        }
    }

    /**
     * @param day         the day, yyyy-mm-dd
     * @param storedUsd   the figure that counts
     * @param reportedUsd what the vendor now says
     * @param since       the first read that said so
     */
    @RegisterForReflection
    public record HeldDay(String day, BigDecimal storedUsd, BigDecimal reportedUsd, String since) {
    }

    /**
     * Month-to-date counts, summed over models and projects.
     *
     * @param inputTokens       every input token, cached included
     * @param cachedInputTokens input tokens read from the prompt cache
     * @param requests          model requests, or null where the vendor does not count them
     */
    @RegisterForReflection
    public record UsageView(long inputTokens, long cachedInputTokens, long outputTokens, Long requests) {
    }

    /**
     * @param since              the first hour of the runaway (UTC)
     * @param lastHourUsd        the latest raised hour's tokens at list price (an estimate)
     * @param baselineUsd        what that hour normally costs, frozen at the runaway's start
     * @param spentSoFarUsd      the runaway's raised hours so far, estimated the same way
     */
    @RegisterForReflection
    public record RunawayView(String since, BigDecimal lastHourUsd, BigDecimal baselineUsd, BigDecimal spentSoFarUsd) {
    }

    /**
     * @param crossingDate the day the budget was or will be crossed at the P50 pace, or null
     * @param note         why there is no forecast yet, or null
     */
    @RegisterForReflection
    public record ForecastView(BigDecimal p50Usd, BigDecimal p90Usd, BigDecimal dailyRateUsd, String crossingDate,
            String note) {
    }

    /**
     * @param id         {@code total}, a vendor id, or vendor/project
     * @param dueAlerts  alert kinds whose condition holds now and that had not been claimed before this run
     * @param confirming forecast alerts whose level the forecast is over, far ahead and narrowly, that wait for the
     *                   forecast to stay over it on the days before (burnrate.thresholds.forecast-confirm-days)
     */
    @RegisterForReflection
    public record BudgetStatus(String id, String name, BigDecimal budgetUsd, BigDecimal monthToDateUsd,
            ForecastView forecast, List<String> dueAlerts, List<String> confirming) {
    }

    /**
     * @param messageId the channel's message id, or null when sending failed
     * @param error     why sending failed, or null
     */
    @RegisterForReflection
    public record SentAlert(String kind, String budget, String channel, String messageId, String error) {

        /** What a channel answered goes out only through {@link Redaction}. */
        public SentAlert {
            error = Redaction.scrub(error);
        }
    }
}
