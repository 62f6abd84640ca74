package dev.burnrate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback proxy in front of moto's DynamoDB that injects faults over the real protocol: it answers
 * throttling (HTTP 400 {@code ThrottlingException}), HTTP 500 or an access denial instead of forwarding, or
 * forwards the request so
 * the write commits and then drops the answer (the connection closes with no response, as when a Lambda's network
 * fails). Faults are armed per DynamoDB operation ({@code X-Amz-Target}, e.g. {@code TransactWriteItems}) for a
 * number of requests, through the proxy's own {@code POST /__faults/<Operation>/<fault>/<times>} (the tests and
 * the function run in different class loaders, so they talk to it over HTTP like everything else).
 */
public final class DynamoFaultProxy implements AutoCloseable {

    /** What happens to an armed request. */
    public enum Fault {
        THROTTLE, ERROR_500, DROP_AFTER_COMMIT,
        /** HTTP 400 AccessDeniedException, as when the function's role lost a permission: not retried. */
        ACCESS_DENIED,
        /** HTTP 400 ConditionalCheckFailedException, as when another run changed the item first. */
        CONDITION_FAILED,
        /** Forwarded {@value #SLOW_MS} ms late, as a slow or congested network makes a write. */
        SLOW
    }

    /** How late a {@link Fault#SLOW} request is forwarded. */
    public static final int SLOW_MS = 300;

    private static final Set<String> HOP = Set.of("host", "connection", "content-length", "transfer-encoding",
            "expect", "upgrade");

    private final HttpServer server;
    private final URI target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Deque<Armed>> armed = new ConcurrentHashMap<>();

    /** A fault for one request whose body matches {@code match} (a regular expression; null for any). */
    private record Armed(Fault fault, Pattern match) {
    }
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    private DynamoFaultProxy(URI target) throws IOException {
        this.target = target;
        // without it the JDK's server waits on delayed ACKs: about 40 ms more for every request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public static DynamoFaultProxy start(URI moto) {
        try {
            return new DynamoFaultProxy(moto);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the DynamoDB fault proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Arms {@code fault} for the next {@code times} requests of {@code operation}, through the proxy's endpoint. */
    public static void arm(URI proxy, String operation, Fault fault, int times) {
        control(proxy, "/__faults/" + operation + "/" + fault + "/" + times);
    }

    /** As {@link #arm(URI, String, Fault, int)}, for requests whose JSON body matches {@code regex} only. */
    public static void arm(URI proxy, String operation, Fault fault, int times, String regex) {
        control(proxy, "/__faults/" + operation + "/" + fault + "/" + times + "?match="
                + java.net.URLEncoder.encode(regex, StandardCharsets.UTF_8));
    }

    /** Disarms every fault and forgets the counts. */
    public static void clear(URI proxy) {
        control(proxy, "/__faults/clear");
    }

    /** How many requests of {@code operation} reached the proxy since the last clear. */
    public static int count(URI proxy, String operation) {
        return Integer.parseInt(control(proxy, "/__faults/count/" + operation).trim());
    }

    private static String control(URI proxy, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(proxy.resolve(path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("fault proxy answered " + response.statusCode() + " to " + path);
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("fault proxy unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/__faults/")) {
            String query = exchange.getRequestURI().getRawQuery();
            String match = query == null || !query.startsWith("match=") ? null
                    : java.net.URLDecoder.decode(query.substring("match=".length()), StandardCharsets.UTF_8);
            control(exchange, path.substring("/__faults/".length()).split("/"), match);
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = amzTarget == null ? "" : amzTarget.substring(amzTarget.indexOf('.') + 1);
        seen.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
        Fault fault = take(operation, new String(body, StandardCharsets.UTF_8));
        if (fault == Fault.THROTTLE) {
            answer(exchange, 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
                    + "\"message\":\"Rate of requests exceeds the allowed throughput (injected)\"}");
            return;
        }
        if (fault == Fault.CONDITION_FAILED) {
            answer(exchange, 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                    + "\"message\":\"The conditional request failed (injected)\"}");
            return;
        }
        if (fault == Fault.ACCESS_DENIED) {
            answer(exchange, 400, "{\"__type\":\"com.amazon.coral.service#AccessDeniedException\","
                    + "\"Message\":\"User is not authorized to perform this action (injected)\"}");
            return;
        }
        if (fault == Fault.ERROR_500) {
            answer(exchange, 500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                    + "\"message\":\"injected\"}");
            return;
        }
        if (fault == Fault.SLOW) {
            try {
                Thread.sleep(SLOW_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        HttpResponse<byte[]> response = forward(exchange, body);
        if (fault == Fault.DROP_AFTER_COMMIT) {
            exchange.close();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase())) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private Fault take(String operation, String body) {
        Deque<Armed> faults = armed.get(operation);
        if (faults == null) {
            return null;
        }
        synchronized (faults) {
            for (var it = faults.iterator(); it.hasNext();) {
                Armed a = it.next();
                if (a.match() == null || a.match().matcher(body).find()) {
                    it.remove();
                    return a.fault();
                }
            }
        }
        return null;
    }

    /**
     * One request at a time: DynamoDB makes each conditional write atomic, moto's server does not under concurrent
     * requests, so the proxy serialises them (overlapping checks then race as they would against DynamoDB).
     */
    private synchronized HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getPath()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void control(HttpExchange exchange, String[] parts, String match) throws IOException {
        String answer = "ok";
        if (parts.length == 1 && parts[0].equals("clear")) {
            armed.clear();
            seen.clear();
        } else if (parts.length == 2 && parts[0].equals("count")) {
            answer = Integer.toString(seen.getOrDefault(parts[1], new AtomicInteger()).get());
        } else if (parts.length == 3) {
            Deque<Armed> faults = armed.computeIfAbsent(parts[0], o -> new ArrayDeque<>());
            Pattern pattern = match == null ? null : Pattern.compile(match, Pattern.DOTALL);
            synchronized (faults) {
                for (int i = 0; i < Integer.parseInt(parts[2]); i++) {
                    faults.addLast(new Armed(Fault.valueOf(parts[1]), pattern));
                }
            }
        } else {
            answer(exchange, 404, "unknown control " + List.of(parts));
            return;
        }
        answer(exchange, 200, answer);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
