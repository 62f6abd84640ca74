package dev.burnrate.provider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.config.Pause;

/**
 * Vendor calls with bounded retries: a 429 (and Google's 403 {@code rateLimitExceeded}/{@code quotaExceeded})
 * waits for the longest of its Retry-After headers (Azure's three Cost Management ones included), 5xx answers,
 * timeouts and dropped connections back off exponentially with jitter, at most {@code burnrate.collect.max-attempts} tries in all.
 * Anything else (4xx, a body that is not the expected JSON) fails at once. The per-vendor time budget still
 * applies: a retry that would wait past it is not made.
 */
@ApplicationScoped
public class VendorCalls {

    private static final Logger LOG = Logger.getLogger(VendorCalls.class);
    /** A vendor that asks to wait longer than this is treated as down for this run. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final int maxAttempts;
    private final Duration backoff;
    private final Pause pause;

    VendorCalls(BurnrateConfig config, Pause pause) {
        this.maxAttempts = config.collect().maxAttempts();
        this.backoff = config.collect().retryBackoff();
        this.pause = pause;
    }

    /** What each vendor is calling right now (its requests may run in parallel), for a time-out message. */
    private final java.util.Map<String, java.util.Map<String, Integer>> inFlight =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The endpoint each vendor called last. */
    private final java.util.Map<String, String> lastCalled = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The endpoints {@code vendor} is calling right now, in order of name, or the one it called last when none is
     * under way (while collecting); null when it called none.
     */
    public String inFlight(String vendor) {
        java.util.Map<String, Integer> now = inFlight.get(vendor);
        if (now != null && !now.isEmpty()) {
            return String.join(", ", new java.util.TreeSet<>(now.keySet()));
        }
        return lastCalled.get(vendor);
    }

    /** Forgets what {@code vendor} called, before a new collection of it. */
    public void startCollecting(String vendor) {
        inFlight.remove(vendor);
        lastCalled.remove(vendor);
    }

    private void begin(String vendor, String endpoint) {
        lastCalled.put(vendor, endpoint);
        inFlight.computeIfAbsent(vendor, v -> new java.util.concurrent.ConcurrentHashMap<>())
                .merge(endpoint, 1, Integer::sum);
    }

    private void end(String vendor, String endpoint) {
        java.util.Map<String, Integer> now = inFlight.get(vendor);
        if (now != null) {
            now.computeIfPresent(endpoint, (e, count) -> count == 1 ? null : count - 1);
        }
    }

    /** The time budget of the vendor this thread collects: set when it ends. */
    private static final ThreadLocal<java.util.concurrent.atomic.AtomicBoolean> BUDGET_ENDED = new ThreadLocal<>();

    /**
     * Runs {@code work} on this thread under a time budget that ends when {@code ended} is set. An interrupt alone is
     * not enough: an HTTP client that is interrupted mid-call consumes the interrupt, and the retry loop would go on.
     */
    public static <T> T withinBudget(java.util.concurrent.atomic.AtomicBoolean ended,
            java.util.function.Supplier<T> work) {
        BUDGET_ENDED.set(ended);
        try {
            return work.get();
        } finally {
            BUDGET_ENDED.remove();
        }
    }

    /** Threads for a vendor's independent requests ({@link #inParallel}), kept across invocations. */
    private static final java.util.concurrent.ExecutorService PARALLEL = dev.burnrate.config.DaemonThreads
            .pool("burnrate-vendor-request");

    /**
     * Runs independent reads of one vendor at once, each under this thread's time budget, and returns when all
     * have ended. A vendor failure belongs inside a task (each records its own); anything else a task throws is
     * rethrown here, the first in {@code tasks}' order. When this thread is interrupted (its time ran out) every
     * task is cancelled.
     */
    public static void inParallel(String vendor, List<Runnable> tasks) {
        java.util.concurrent.atomic.AtomicBoolean ended = BUDGET_ENDED.get();
        List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (Runnable task : tasks) {
            futures.add(PARALLEL.submit(() -> withinBudget(ended == null
                    ? new java.util.concurrent.atomic.AtomicBoolean() : ended, () -> {
                        task.run();
                        return null;
                    })));
        }
        try {
            for (java.util.concurrent.Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorException(vendor, "parallel requests", "interrupted: the time budget ended", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
    }

    /** True when this thread's vendor time budget has ended (or the thread was interrupted). */
    public static boolean budgetEnded() {
        java.util.concurrent.atomic.AtomicBoolean ended = BUDGET_ENDED.get();
        return Thread.currentThread().isInterrupted() || ended != null && ended.get();
    }

    /** Fails when this thread's vendor time budget has ended, so no further request is made. */
    public static void requireTime(String vendor, String endpoint) {
        if (budgetEnded()) {
            throw new VendorException(vendor, endpoint, "time budget ended before this request");
        }
    }

    /** {@link VendorHttp#call} with retries. */
    public <T> T call(String vendor, String endpoint, Supplier<Response> request, Class<T> type) {
        return call(vendor, endpoint, request, type, false);
    }

    /** {@link #call}, where an HTTP 204 means "nothing to report": then it is empty. */
    public <T> java.util.Optional<T> callOrNoContent(String vendor, String endpoint, Supplier<Response> request,
            Class<T> type) {
        return java.util.Optional.ofNullable(call(vendor, endpoint, request, type, true));
    }

    private <T> T call(String vendor, String endpoint, Supplier<Response> request, Class<T> type,
            boolean noContentIsEmpty) {
        begin(vendor, endpoint);
        try {
            return attempts(vendor, endpoint, request, type, noContentIsEmpty);
        } finally {
            end(vendor, endpoint);
        }
    }

    private <T> T attempts(String vendor, String endpoint, Supplier<Response> request, Class<T> type,
            boolean noContentIsEmpty) {
        for (int attempt = 1;; attempt++) {
            requireTime(vendor, endpoint);
            try {
                return VendorHttp.call(vendor, endpoint, request, type, noContentIsEmpty);
            } catch (VendorException e) {
                if (!e.retryable() || attempt >= maxAttempts || budgetEnded()) {
                    if (attempt == 1) {
                        throw e;
                    }
                    String after = detail(e, vendor, endpoint) + " (after " + attempt + " attempts)";
                    throw e instanceof VendorException.Refused ? new VendorException.Refused(vendor, endpoint, after)
                            : new VendorException(vendor, endpoint, after, e.getCause());
                }
                int tried = attempt;
                Duration wait = e.retryAfter().orElseGet(() -> jittered(tried));
                if (wait.compareTo(MAX_WAIT) > 0) {
                    throw new VendorException(vendor, endpoint, detail(e, vendor, endpoint) + " and asked to retry after "
                            + wait.toSeconds() + " s; trying again next run", e.getCause());
                }
                LOG.infof("%s %s attempt %d failed (%s); retrying in %d ms", vendor, endpoint, attempt,
                        detail(e, vendor, endpoint), wait.toMillis());
                sleep(pause, wait, vendor, endpoint);
            }
        }
    }

    /**
     * Every page of a cursor-paginated endpoint ({@link CursorPages}), each request with these retries.
     *
     * @param fetch the request for a cursor (null for the first page)
     */
    public <P extends CursorPages.Page> void pages(String vendor, String endpoint,
            java.util.function.Function<String, Response> fetch, Class<P> type, java.util.function.Consumer<P> onPage) {
        int[] page = {0};
        CursorPages.readAll(vendor, endpoint, cursor -> {
            page[0]++;
            return call(vendor, page[0] == 1 ? endpoint : endpoint + " page " + page[0], () -> fetch.apply(cursor),
                    type);
        }, onPage);
    }

    /** backoff × 2^(attempt-1), between half and all of it. */
    private Duration jittered(int attempt) {
        long full = backoff.toMillis() << (attempt - 1);
        return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }

    private static String detail(VendorException e, String vendor, String endpoint) {
        String prefix = vendor + " " + endpoint + ": ";
        return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
    }

    private static void sleep(Pause pause, Duration wait, String vendor, String endpoint) {
        try {
            pause.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorException(vendor, endpoint, "stopped while waiting to retry (time budget used up)");
        }
    }
}
