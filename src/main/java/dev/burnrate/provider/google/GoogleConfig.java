package dev.burnrate.provider.google;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Gemini API and Vertex AI spend from the Cloud Billing export in BigQuery ({@code burnrate.google.*}). */
@ConfigMapping(prefix = "burnrate.google")
public interface GoogleConfig {

    /**
     * The billing export table, {@code project.dataset.gcp_billing_export_v1_XXXXXX_XXXXXX_XXXXXX}; Google is
     * collected only when this and {@code googleServiceAccount} (the key JSON) in the secret are set.
     */
    Optional<String> billingTable();

    /** The project the query runs (and is billed) in; defaults to the table's project. */
    Optional<String> queryProject();

    /** Values of {@code service.description} that count. */
    @WithDefault("Gemini API,Vertex AI")
    List<String> services();

    /**
     * The most bytes one query may bill ({@code maximumBytesBilled}); a query that would scan more fails
     * without cost. 1 GiB by default: an hourly run reads a few days of partitions.
     */
    @WithDefault("1073741824")
    long maximumBytesBilled();

    /**
     * The project whose Cloud Monitoring the pulse reads for Vertex AI token counts
     * ({@code aiplatform.googleapis.com/publisher/online_serving/token_count}); unset: the pulse does not read Google.
     * The service account needs Monitoring Viewer there.
     */
    Optional<String> monitoringProject();
}
