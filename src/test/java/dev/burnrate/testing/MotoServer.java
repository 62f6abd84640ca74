package dev.burnrate.testing;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs moto's server on a free loopback port for the tests. Finds {@code moto_server} on the PATH (or
 * {@code python3 -m moto.server}); when moto is not installed it installs {@code moto[server]} with pip
 * first, so a fresh machine with Python 3 needs nothing else.
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    private static MotoServer shared;

    /**
     * One moto for the whole test JVM: every test profile restarts the application, and each of those resets moto
     * ({@link #reset}) instead of starting another Python process. Stopped when the JVM exits.
     */
    public static synchronized MotoServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            MotoServer started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "moto-stop"));
            shared = started;
        }
        return shared;
    }

    public static MotoServer start() {
        int port = freePort();
        List<String> command = new ArrayList<>(launcher());
        command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        try {
            Path log = Files.createTempFile("moto-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            MotoServer server = new MotoServer(process, port);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start moto with " + command, e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Forgets every resource and message, as after a fresh start. */
    public static void reset(URI endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL()
                    .openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.getOutputStream().close();
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("moto reset answered " + connection.getResponseCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady(Path log) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint().resolve("/moto-api/").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("moto did not start within " + START_TIMEOUT + ": " + Files.readString(log));
    }

    private static List<String> launcher() {
        Optional<String> configured = Optional.ofNullable(System.getenv("BURNRATE_MOTO_SERVER"));
        if (configured.isPresent()) {
            return List.of(configured.get());
        }
        Optional<File> onPath = onPath("moto_server");
        if (onPath.isPresent() && run(List.of(onPath.get().getPath(), "--help")) == 0) {
            return List.of(onPath.get().getPath());
        }
        String python = onPath("python3").map(File::getPath).orElse("python3");
        List<String> module = List.of(python, "-m", "moto.server");
        if (run(List.of(python, "-c", "import moto.server, flask, flask_cors")) != 0) {
            System.err.println("[burnrate tests] moto is not installed; installing moto[server] with pip");
            int status = run(List.of(python, "-m", "pip", "install", "--quiet", "--user", "moto[server]"));
            if (status != 0) {
                status = run(List.of(python, "-m", "pip", "install", "--quiet", "moto[server]"));
            }
            if (status != 0) {
                throw new IllegalStateException("moto is not installed and 'pip install moto[server]' failed; "
                        + "install it by hand or set BURNRATE_MOTO_SERVER to a moto_server executable");
            }
        }
        return module;
    }

    private static Optional<File> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.isFile() && candidate.canExecute()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
