package dev.burnrate.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The function's clock in the tests: it starts at {@code burnrate.fixed-now} and moves only when a test moves it,
 * so a test can run the hourly checks of a day, or wait out a lease, without sleeping.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private final Instant start;
    private volatile Instant now;

    TestClock(@ConfigProperty(name = "burnrate.fixed-now") String start) {
        this.start = Instant.parse(start);
        this.now = this.start;
    }

    /** Back to {@code burnrate.fixed-now}. */
    public void reset() {
        now = start;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("burnrate runs in UTC");
    }
}
