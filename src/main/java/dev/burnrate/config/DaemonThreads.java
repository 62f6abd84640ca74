package dev.burnrate.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The function's thread pools: cached, of daemon threads (a pool never keeps the JVM alive after the last
 * invocation) named by what they do, so a thread dump or a time-out message says whose they are.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A cached pool of daemon threads named {@code name}. */
    public static ExecutorService pool(String name) {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
