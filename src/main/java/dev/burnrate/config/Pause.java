package dev.burnrate.config;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * How a retried call waits: a vendor's HTTP call, or an AWS call made through {@link AwsApi}. One bean, so that
 * tests can see every wait asked for (and skip it) instead of sleeping through real seconds.
 */
@ApplicationScoped
public class Pause {

    /** Waits {@code wait}; an interrupt (the vendor's time budget ended) ends it early. */
    public void sleep(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
    }
}
