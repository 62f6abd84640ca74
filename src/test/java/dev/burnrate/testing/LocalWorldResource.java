package dev.burnrate.testing;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts moto (AWS) and WireMock (the vendors) on free loopback ports for the whole test run and points
 * the function at them. Tests reach both through {@code test.moto.endpoint} and {@code test.wiremock.port}.
 */
public class LocalWorldResource implements QuarkusTestResourceLifecycleManager {

    private MotoServer moto;
    private DynamoFaultProxy dynamoProxy;
    private WireMockServer wireMock;

    @Override
    public Map<String, String> start() {
        moto = MotoServer.shared();
        wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .extensions(new AzureQueryWindow(), new Rendezvous(), new VendorSwitches()));
        wireMock.start();
        new LocalAws(moto.endpoint()).reset();
        // The SNS/SES/Secrets Manager clients use the default credentials chain, as in Lambda.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");

        String endpoint = moto.endpoint().toString();
        // the function reaches DynamoDB through a proxy that tests can make throttle, fail or drop answers
        dynamoProxy = DynamoFaultProxy.start(moto.endpoint());
        String vendors = "http://127.0.0.1:" + wireMock.port();
        Map<String, String> config = new HashMap<>();
        config.put("test.moto.endpoint", endpoint);
        config.put("test.wiremock.port", Integer.toString(wireMock.port()));
        config.put("test.dynamo.proxy", dynamoProxy.endpoint().toString());
        config.put("quarkus.dynamodb.endpoint-override", dynamoProxy.endpoint().toString());
        config.put("quarkus.dynamodb.aws.region", LocalAws.REGION);
        config.put("quarkus.dynamodb.aws.credentials.type", "static");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test");
        config.put("burnrate.aws.endpoint-override", endpoint);
        config.put("burnrate.aws.region", LocalAws.REGION);
        config.put("burnrate.table", LocalAws.TABLE);
        config.put("burnrate.secrets.secret-id", LocalAws.SECRET);
        config.put("burnrate.notify.sns-topic-arn", LocalAws.topicArn());
        config.put("burnrate.notify.email.from", LocalAws.SENDER);
        config.put("burnrate.notify.email.to", LocalAws.RECIPIENT);
        config.put("quarkus.rest-client.openai.url", vendors);
        config.put("quarkus.rest-client.anthropic.url", vendors);
        config.put("quarkus.rest-client.openrouter.url", vendors);
        config.put("quarkus.rest-client.azure.url", vendors);
        config.put("quarkus.rest-client.azure-login.url", vendors);
        config.put("quarkus.rest-client.bigquery.url", vendors);
        config.put("quarkus.rest-client.monitoring.url", vendors);
        return config;
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
        if (dynamoProxy != null) {
            dynamoProxy.close();
        }
        // moto is the JVM's one (MotoServer.shared): the next application start resets it
    }
}
