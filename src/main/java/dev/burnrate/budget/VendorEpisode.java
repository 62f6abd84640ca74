package dev.burnrate.budget;

import java.time.Instant;
import java.util.Optional;

/**
 * The episode of a vendor's episodic alert (a runaway, stale data, unread usage): {@code <vendor>@<instant>}, the
 * vendor and when the episode began. It is part of the alert's key, so one episode alerts once.
 */
public final class VendorEpisode {

    private static final char SEPARATOR = '@';

    private VendorEpisode() {
    }

    public static String of(String vendor, Instant since) {
        return vendor + SEPARATOR + since;
    }

    /** The vendor of a vendor episode; empty for any other episode (budget alerts have none). */
    public static Optional<String> vendor(String episode) {
        int at = episode.indexOf(SEPARATOR);
        return at < 0 ? Optional.empty() : Optional.of(episode.substring(0, at));
    }

    /** When a vendor episode began. */
    public static Instant since(String episode) {
        return Instant.parse(episode.substring(episode.indexOf(SEPARATOR) + 1));
    }
}
