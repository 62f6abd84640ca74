package dev.burnrate.provider.bedrock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.burnrate.config.BurnrateConfig;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClientBuilder;

/** The Cost Explorer client Bedrock's collector reads with, beside it. */
@ApplicationScoped
public class CostExplorerClients {

    /**
     * Cost Explorer answers in us-east-1 only, whatever the function's region. The SDK retries throttling, 5xx
     * and unreadable answers with its standard back-off, as often as the HTTP vendors are retried.
     */
    @Produces
    @Singleton
    CostExplorerClient costExplorer(BedrockConfig bedrock, BurnrateConfig config) {
        CostExplorerClientBuilder builder = CostExplorerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(bedrock.readTimeout())).region(Region.US_EAST_1)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(config.collect().maxAttempts()).build()));
        bedrock.endpointOverride().or(() -> config.aws().endpointOverride()).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes CostExplorerClient client) {
        client.close();
    }
}
