package dev.burnrate.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import dev.burnrate.config.Pause;

/**
 * The vendor calls' waits in the tests: each one is recorded and returns at once, so a test can assert that a
 * vendor's Retry-After (or Azure's longest throttling header) was honoured without sleeping through it.
 */
@Alternative
@Priority(1)
@Singleton
public class RecordingPause extends Pause {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration wait) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("time budget ended");
        }
        waits.add(wait);
    }

    /** The waits asked for since the last {@link #clear()}, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    public void clear() {
        waits.clear();
    }
}
