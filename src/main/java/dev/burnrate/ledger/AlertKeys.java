package dev.burnrate.ledger;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import dev.burnrate.alert.AlertKey;
import dev.burnrate.alert.AlertKind;
import dev.burnrate.alert.VendorEpisode;

/**
 * The one place that writes alert identities as DynamoDB keys and reads them back. An alert lives under
 * {@code ALERT#<month>}; its sort key is {@code <budget>#<KIND>#<level>}, plus {@code #<vendor>#<since>} for a
 * vendor episode. Free text (budget and vendor ids: project ids may hold {@code #}, {@code @}, {@code /},
 * spaces or any unicode) is escaped, {@code %} as {@code %25} and {@code #} as {@code %23}, so every id
 * round-trips.
 */
public final class AlertKeys {

    static final String ALERT_PREFIX = "ALERT#";
    private static final char SEPARATOR = '#';

    private AlertKeys() {
    }

    static String partition(YearMonth month) {
        return ALERT_PREFIX + month;
    }

    /** The sort key of an alert (see the class comment). */
    public static String sortKey(AlertKey key) {
        StringBuilder sk = new StringBuilder().append(escape(key.budget())).append(SEPARATOR).append(key.kind().name())
                .append(SEPARATOR).append(key.level());
        if (key.episode() != null) {
            sk.append(SEPARATOR).append(escape(key.episode().vendor())).append(SEPARATOR)
                    .append(key.episode().since());
        }
        return sk.toString();
    }

    /**
     * Reads a sort key of {@code month}'s partition back.
     *
     * @throws IllegalArgumentException naming the key and what is wrong with it
     */
    public static AlertKey parse(YearMonth month, String sortKey) {
        List<String> parts = split(sortKey);
        if (parts.size() != 3 && parts.size() != 5) {
            throw new IllegalArgumentException("alert sort key '" + sortKey + "' has " + parts.size()
                    + " parts; expected budget#KIND#level or budget#KIND#level#vendor#since");
        }
        AlertKind kind;
        int level;
        try {
            kind = AlertKind.valueOf(parts.get(1));
            level = Integer.parseInt(parts.get(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("alert sort key '" + sortKey + "': unknown kind '" + parts.get(1)
                    + "' or level '" + parts.get(2) + "'", e);
        }
        VendorEpisode episode = null;
        if (parts.size() == 5) {
            try {
                episode = new VendorEpisode(unescape(parts.get(3)), Instant.parse(parts.get(4)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("alert sort key '" + sortKey + "': '" + parts.get(4)
                        + "' is not an instant", e);
            }
        }
        return new AlertKey(month, unescape(parts.get(0)), kind, level, episode);
    }

    /**
     * Reads a sort key written by burnrate before alert kinds were typed ({@code total#forecast_exceeds_budget#100},
     * {@code total#stale_data#0#openai@2026-11-19T20:00:00Z}, {@code total#daily_digest#0#2026-11-20}), so an
     * upgrade neither forgets nor repeats this month's alerts. Empty for a runaway (episodes are state of their own
     * now) and for anything else it cannot read.
     */
    static java.util.Optional<AlertKey> parseLegacy(YearMonth month, String sortKey) {
        String[] parts = sortKey.split("#", 4);
        if (parts.length < 3) {
            return java.util.Optional.empty();
        }
        String kind = parts[1];
        try {
            int level = Integer.parseInt(parts[2]);
            AlertKey key;
            if (kind.startsWith("actual_")) {
                key = new AlertKey(month, parts[0], AlertKind.ACTUAL, level, null);
            } else if (kind.startsWith("forecast_")) {
                key = new AlertKey(month, parts[0], AlertKind.FORECAST, level, null);
            } else if ((kind.equals("stale_data") || kind.equals("usage_unread")) && parts.length == 4
                    && parts[3].contains("@")) {
                String episode = parts[3];
                VendorEpisode vendorEpisode = new VendorEpisode(episode.substring(0, episode.indexOf('@')),
                        Instant.parse(episode.substring(episode.indexOf('@') + 1)));
                key = new AlertKey(vendorEpisode.month(), parts[0], kind.equals("stale_data") ? AlertKind.STALE_DATA
                        : AlertKind.USAGE_UNREAD, 0, vendorEpisode);
            } else if (kind.equals("daily_digest") && parts.length == 4) {
                key = new AlertKey(month, parts[0], AlertKind.DIGEST, java.time.LocalDate.parse(parts[3])
                        .getDayOfMonth(), null);
            } else {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(key);
        } catch (RuntimeException unreadable) {
            return java.util.Optional.empty();
        }
    }

    /** A free-text id with {@code %} and {@code #} escaped, safe between separators. */
    static String escape(String text) {
        return text.replace("%", "%25").replace("#", "%23");
    }

    static String unescape(String text) {
        return text.replace("%23", "#").replace("%25", "%");
    }

    private static List<String> split(String sortKey) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at = sortKey.indexOf(SEPARATOR); at >= 0; at = sortKey.indexOf(SEPARATOR, from)) {
            parts.add(sortKey.substring(from, at));
            from = at + 1;
        }
        parts.add(sortKey.substring(from));
        return parts;
    }
}
