package dev.burnrate.config;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The clock every part reads the time from: {@code burnrate.fixed-now} when set (tests, replays), else UTC. */
@ApplicationScoped
public class Clocks {

    @Produces
    @Singleton
    Clock clock(BurnrateConfig config) {
        return config.fixedNow().map(now -> Clock.fixed(now, ZoneOffset.UTC)).orElseGet(Clock::systemUTC);
    }
}
