package dev.burnrate.provider.bedrock;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** AWS Bedrock spend through Cost Explorer ({@code burnrate.bedrock.*}). */
@ConfigMapping(prefix = "burnrate.bedrock")
public interface BedrockConfig {

    /** Read Bedrock spend (and Marketplace models billed through Bedrock) from Cost Explorer. */
    @WithDefault("false")
    boolean enabled();

    /**
     * Cost Explorer charges $0.01 a request and refreshes its data "up to three times a day": call it at most this
     * often (three times a day) and use the stored days between.
     */
    @WithDefault("8h")
    Duration minInterval();

    /**
     * Let the pulse read Bedrock's per-minute token metrics from CloudWatch ({@code AWS/Bedrock}) when Bedrock is
     * read at all; needs {@code cloudwatch:ListMetrics} and {@code cloudwatch:GetMetricData}.
     */
    @WithDefault("true")
    boolean pulse();

    /** Only count cost carrying this cost-allocation tag (with {@link #tagValues()}); unset for all. */
    Optional<String> tagKey();

    /** Values of {@link #tagKey()} to count. */
    Optional<List<String>> tagValues();

    /** How long one Cost Explorer request may wait for its answer before it counts as a time-out (and is retried). */
    @WithDefault("30s")
    Duration readTimeout();

    /** Cost Explorer's endpoint, for a local fake; defaults to {@code burnrate.aws.endpoint-override}, else AWS's. */
    Optional<URI> endpointOverride();
}
