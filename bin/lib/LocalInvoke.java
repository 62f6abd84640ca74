import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

/**
 * Invokes the packaged function the way AWS Lambda's Java runtime does: the handler named in
 * template.yaml ({@code QuarkusStreamHandler::handleRequest}) on the classes and lib/ jars of
 * target/function.zip, with one event file. Prints the response JSON on stdout; on a failed invocation
 * prints Lambda's error shape and exits 1. Run by bin/burnrate; needs no AWS.
 *
 * <pre>java -cp 'target/local-function:target/local-function/lib/*' bin/lib/LocalInvoke.java events/scheduled.json</pre>
 */
public class LocalInvoke {

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: LocalInvoke EVENT_FILE");
            System.exit(2);
        }
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new java.io.ByteArrayInputStream(event)) {
            // Lambda's Init phase: the handler class's static initialiser boots Quarkus (what SnapStart snapshots)
            QuarkusStreamHandler handler = new QuarkusStreamHandler();
            long initCpu = cpuNanos();
            long initWall = System.nanoTime();
            handler.handleRequest(in, out, new LocalContext());
            // for bench/scale: the CPU of the Init phase and of the invocation alone
            System.err.printf("[invoke] init-cpu-ms=%d handler-cpu-ms=%d handler-wall-ms=%d%n", initCpu / 1_000_000,
                    (cpuNanos() - initCpu) / 1_000_000, (System.nanoTime() - initWall) / 1_000_000);
            // -Dlocalinvoke.repeat=N: the same event N-1 more times in this JVM, as a warm Lambda would (bench/scale)
            for (int warm = 1; warm < Integer.getInteger("localinvoke.repeat", 1); warm++) {
                out.reset();
                long cpu = cpuNanos();
                long wall = System.nanoTime();
                handler.handleRequest(new java.io.ByteArrayInputStream(event), out, new LocalContext());
                System.err.printf("[invoke-warm] handler-cpu-ms=%d handler-wall-ms=%d%n", (cpuNanos() - cpu) / 1_000_000,
                        (System.nanoTime() - wall) / 1_000_000);
            }
        } catch (Throwable e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String message = String.valueOf(cause.getMessage()).replace("\\", "\\\\").replace("\"", "\\\"");
            System.out.println("{\"errorType\": \"" + cause.getClass().getName() + "\", \"errorMessage\": \""
                    + message + "\"}");
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        System.out.println(json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(json.readTree(out.toString(StandardCharsets.UTF_8))));
        System.out.flush();
        // Quarkus keeps non-daemon threads for the next invocation, as in Lambda; this process is done.
        Runtime.getRuntime().halt(0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static final class LocalContext implements Context {
        private final String requestId = "local-" + UUID.randomUUID();
        private final long deadline = System.currentTimeMillis() + 300_000;

        public String getAwsRequestId() { return requestId; }
        public String getLogGroupName() { return "/aws/lambda/burnrate-local"; }
        public String getLogStreamName() { return "local"; }
        public String getFunctionName() { return "burnrate-local"; }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:burnrate-local"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
        public int getMemoryLimitInMB() { return 512; }
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                public void log(String message) { System.err.print(message); }
                public void log(byte[] message) { System.err.write(message, 0, message.length); }
            };
        }
    }
}
