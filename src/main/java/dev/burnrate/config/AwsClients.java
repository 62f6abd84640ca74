package dev.burnrate.config;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * CDI producers for the AWS SDK clients that have no Quarkus extension in this build (SNS, SES v2,
 * Secrets Manager), and for the clock. DynamoDB comes from quarkus-amazon-dynamodb.
 */
@ApplicationScoped
public class AwsClients {

    private final BurnrateConfig.Aws aws;

    AwsClients(BurnrateConfig config) {
        this.aws = config.aws();
    }

    @Produces
    @Singleton
    SnsClient sns() {
        return configure(SnsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())).build();
    }

    @Produces
    @Singleton
    SesV2Client ses() {
        return configure(SesV2Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())).build();
    }

    @Produces
    @Singleton
    SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())).build();
    }

    @Produces
    @Singleton
    Clock clock(BurnrateConfig config) {
        return config.fixedNow().map(now -> Clock.fixed(now, ZoneOffset.UTC)).orElseGet(Clock::systemUTC);
    }

    void close(@Disposes SnsClient client) {
        client.close();
    }

    void close(@Disposes SesV2Client client) {
        client.close();
    }

    void close(@Disposes SecretsManagerClient client) {
        client.close();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        aws.region().map(Region::of).ifPresent(builder::region);
        aws.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }
}
