package dev.burnrate.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The AWS side of the tests, on moto: creates the table, topic (with an SQS queue subscribed, to read
 * messages back), verified sender and vendor-key secret that the function expects, and reads results back
 * through the real protocols.
 */
public final class LocalAws {

    public static final String REGION = "us-east-1";
    public static final String TABLE = "burnrate-test";
    public static final String TOPIC = "burnrate-alerts";
    public static final String QUEUE = "burnrate-alerts-inbox";
    public static final String SECRET = "burnrate/secrets";
    public static final String SENDER = "alerts@example.com";
    public static final String RECIPIENT = "team@example.com";
    public static final String OPENAI_KEY = "sk-admin-test-openai-0123456789";
    public static final String ANTHROPIC_KEY = "sk-ant-admin01-test-anthropic-0123456789";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final DynamoDbClient dynamo;
    private final SnsClient sns;
    private final SqsClient sqs;
    private final SesV2Client ses;
    private final SecretsManagerClient secrets;
    private final software.amazon.awssdk.services.ssm.SsmClient ssm;
    private final software.amazon.awssdk.services.iam.IamClient iam;
    private String queueUrl;

    public LocalAws(URI endpoint) {
        this.endpoint = endpoint;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        var region = Region.of(REGION);
        dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        sns = SnsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        sqs = SqsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        ses = SesV2Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        secrets = SecretsManagerClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        ssm = software.amazon.awssdk.services.ssm.SsmClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        iam = software.amazon.awssdk.services.iam.IamClient.builder().endpointOverride(endpoint)
                .region(Region.AWS_GLOBAL).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** Creates an IAM role (as an application's Bedrock caller would have); its ARN. */
    public String createRole(String name) {
        return iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
    }

    /**
     * A stack named {@code stack} whose {@code ContainFunctionName} output names a function that moto runs without
     * Docker: it answers each invocation with the next of {@link #answerNextInvocation}'s answers, or with the event
     * it was given when none is queued (so a test reads what the CLI sent).
     */
    public void stackWithContainFunction(String stack, String function) {
        post("/moto-api/config", "{\"lambda\": {\"use_docker\": false}}");
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        try (var lambda = software.amazon.awssdk.services.lambda.LambdaClient.builder().endpointOverride(endpoint)
                .region(Region.of(REGION)).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
                var cloudFormation = software.amazon.awssdk.services.cloudformation.CloudFormationClient.builder()
                        .endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(credentials)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String role = createRole(function + "-role");
            lambda.createFunction(f -> f.functionName(function).runtime("java21").role(role)
                    .handler("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest")
                    .code(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(emptyZip()))));
            cloudFormation.createStack(c -> c.stackName(stack).templateBody("{\"Resources\": {\"Alerts\": {\"Type\": "
                    + "\"AWS::SNS::Topic\"}}, \"Outputs\": {\"ContainFunctionName\": {\"Value\": \"" + function
                    + "\"}, \"LedgerTableName\": {\"Value\": \"" + TABLE + "\"}}}"));
        }
    }

    /** The answer the stand-in function of {@link #stackWithContainFunction} gives to its next invocation. */
    public void answerNextInvocation(String answer) {
        try {
            post("/moto-api/static/lambda-simple/response", JSON.writeValueAsString(java.util.Map.of("results",
                    java.util.List.of(answer), "region", REGION)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] emptyZip() {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("empty.txt"));
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** The inline policy {@code policy} of role {@code role}, URL-decoded, or empty when it has none by that name. */
    public java.util.Optional<String> rolePolicy(String role, String policy) {
        try {
            String document = iam.getRolePolicy(r -> r.roleName(role).policyName(policy)).policyDocument();
            return java.util.Optional.of(java.net.URLDecoder.decode(document, java.nio.charset.StandardCharsets.UTF_8));
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException none) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Puts Bedrock's per-minute metrics for one model, as Bedrock publishes them: {@code AWS/Bedrock}
     * {@code InputTokenCount}, {@code OutputTokenCount} and {@code Invocations} by {@code ModelId}, one datum each
     * minute of {@code [from, toExclusive)}.
     */
    public void putBedrockMinutes(String modelId, java.time.Instant from, java.time.Instant toExclusive, long input,
            long output, long invocations) {
        // CloudWatch's Query protocol, which moto serves (the SDK's CloudWatch client speaks RPC v2 CBOR, which it
        // does not); moto routes by the credential scope's service and does not check the signature
        StringBuilder form = new StringBuilder("Action=PutMetricData&Version=2010-08-01&Namespace=AWS%2FBedrock");
        int n = 0;
        for (java.time.Instant minute = from; minute.isBefore(toExclusive); minute = minute.plusSeconds(60)) {
            for (Map.Entry<String, Long> metric : List.of(Map.entry("InputTokenCount", input),
                    Map.entry("OutputTokenCount", output), Map.entry("Invocations", invocations))) {
                n++;
                String d = "&MetricData.member." + n + ".";
                form.append(d).append("MetricName=").append(metric.getKey())
                        .append(d).append("Timestamp=").append(minute)
                        .append(d).append("Value=").append(metric.getValue())
                        .append(d).append("Dimensions.member.1.Name=ModelId")
                        .append(d).append("Dimensions.member.1.Value=")
                        .append(java.net.URLEncoder.encode(modelId, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261120/" + REGION
                            + "/monitoring/aws4_request, SignedHeaders=host, Signature=0")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("PutMetricData answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Puts (or overwrites) an SSM parameter: {@code SecureString} for the secrets, or another type. */
    public void putParameter(String name, String value, String type) {
        ssm.putParameter(p -> p.name(name).value(value).type(type).overwrite(true));
    }

    public void deleteParameter(String name) {
        ssm.deleteParameter(p -> p.name(name));
    }

    public static String topicArn() {
        return "arn:aws:sns:" + REGION + ":123456789012:" + TOPIC;
    }

    /** Wipes moto and creates every resource again, with both vendor keys in the secret. */
    public void reset() {
        MotoServer.reset(endpoint);
        dynamo.createTable(t -> t.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE)));
        String topicArn = sns.createTopic(t -> t.name(TOPIC)).topicArn();
        queueUrl = sqs.createQueue(q -> q.queueName(QUEUE)).queueUrl();
        String queueArn = sqs.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        sns.subscribe(s -> s.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        ses.createEmailIdentity(i -> i.emailIdentity(SENDER));
        putSecrets(Map.of("openai", OPENAI_KEY, "anthropic", ANTHROPIC_KEY));
    }

    public void putSecrets(Map<String, String> keys) {
        try {
            putSecret(JSON.writeValueAsString(keys));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void putSecret(String value) {
        try {
            secrets.putSecretValue(s -> s.secretId(SECRET).secretString(value));
        } catch (software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException e) {
            secrets.createSecret(s -> s.name(SECRET).secretString(value));
        }
    }

    /** The sender is no longer a verified SES identity, so SES refuses to send. */
    public void removeSender() {
        ses.deleteEmailIdentity(i -> i.emailIdentity(SENDER));
    }

    /** The alert topic no longer exists, so SNS refuses to publish. */
    public void removeTopic() {
        sns.deleteTopic(t -> t.topicArn(topicArn()));
    }

    /** The alert topic exists again, with the queue subscribed, as after {@link #reset()}. */
    public void restoreTopic() {
        String topicArn = sns.createTopic(t -> t.name(TOPIC)).topicArn();
        String queueArn = sqs.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        sns.subscribe(s -> s.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    }

    /** The sender is a verified SES identity again. */
    public void restoreSender() {
        ses.createEmailIdentity(i -> i.emailIdentity(SENDER));
    }

    /** Sets when a vendor was last collected successfully, as if it had been failing since. */
    public void setLastSuccess(String vendor, java.time.Instant at) {
        dynamo.updateItem(u -> u.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("VENDOR"),
                "sk", AttributeValue.fromS(vendor))).updateExpression("SET lastSuccessAt = :at")
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()))));
    }

    public void deleteSecret() {
        secrets.deleteSecret(s -> s.secretId(SECRET).forceDeleteWithoutRecovery(true));
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** Every item of the table whose partition key is {@code pk}, by sort key. */
    public Map<String, Map<String, AttributeValue>> partition(String pk) {
        Map<String, Map<String, AttributeValue>> items = new java.util.TreeMap<>();
        dynamo.queryPaginator(q -> q.tableName(TABLE).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .items().forEach(item -> items.put(item.get("sk").s(), item));
        return items;
    }

    /** The sort keys of a partition, in order, read without the items' attributes. */
    public java.util.List<String> sortKeys(String pk) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(TABLE).keyConditionExpression("pk = :pk").projectionExpression("sk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))))
                .items().forEach(item -> keys.add(item.get("sk").s()));
        return keys;
    }

    /**
     * The usage lines stored for a vendor's day, as the items hold them: the parts of the {@code USAGE#<month>}
     * partition that the day's totals item ({@code COST#<month>}, {@code <vendor>#<day>#usage}) names.
     */
    public java.util.List<Map<String, AttributeValue>> usageLines(String vendor, java.time.LocalDate day) {
        String month = java.time.YearMonth.from(day).toString();
        Map<String, AttributeValue> totals = partition("COST#" + month).get(vendor + "#" + day + "#usage");
        java.util.List<Map<String, AttributeValue>> lines = new java.util.ArrayList<>();
        if (totals == null) {
            return lines;
        }
        String prefix = vendor + "#" + day + "#" + totals.get("generation").s() + "#";
        int parts = Integer.parseInt(totals.get("parts").n());
        partition("USAGE#" + month).forEach((sk, item) -> {
            if (sk.startsWith(prefix) && Integer.parseInt(sk.substring(prefix.length())) < parts) {
                item.get("usage").l().forEach(line -> lines.add(line.m()));
            }
        });
        return lines;
    }

    /** Queues one answer of Cost Explorer's GetCostAndUsage in moto (its ResultsByTime JSON). */
    public void queueCostAndUsage(String resultsByTimeJson) {
        post("/moto-api/static/ce/cost-and-usage-results", "{\"results\": [{\"ResultsByTime\": " + resultsByTimeJson
                + "}]}");
    }

    /** POSTs {@code json} to moto's own API at {@code path}; fails naming the path unless moto takes it. */
    private void post(String path, String json) {
        try {
            var connection = (java.net.HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (var out = connection.getOutputStream()) {
                out.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (connection.getResponseCode() / 100 != 2) {
                throw new IllegalStateException("moto refused " + path + ": HTTP " + connection.getResponseCode());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every SNS notification that reached the subscribed queue so far (the SNS JSON envelopes). */
    public List<JsonNode> snsMessages() {
        List<JsonNode> messages = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return messages;
            }
            for (Message message : batch) {
                messages.add(read(message.body()));
                sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** Every e-mail SES accepted, as moto recorded it (source, destinations, subject, body). */
    public List<JsonNode> sentEmails() {
        try {
            JsonNode data = JSON.readTree(endpoint.resolve("/moto-api/data.json").toURL());
            List<JsonNode> emails = new ArrayList<>();
            data.path("ses").path("Message").forEach(emails::add);
            return emails;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not read moto's data.json", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }
}
