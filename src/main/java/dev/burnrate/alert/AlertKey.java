package dev.burnrate.alert;

import java.time.YearMonth;
import java.util.Objects;

/**
 * Identifies one alert: it is sent at most once. Budget alerts are identified by month, budget, kind and level;
 * vendor episodes by their episode (and, for reminders and escalations, the level: the reminder's day or the
 * escalation's number), kept under the month the episode began in. How a key is written to storage is the
 * ledger's business alone.
 *
 * @param month   the budget month, or for a vendor episode the month it began in
 * @param budget  the id of the budget the alert is about (for vendor episodes, the budget it is reported under)
 * @param level   percent of the budget for budget alerts; the sequence number of a reminder or escalation; the day
 *                of the month for the digest; 0 otherwise
 * @param episode the vendor episode, for vendor kinds; null for budget alerts and the digest
 */
public record AlertKey(YearMonth month, String budget, AlertKind kind, int level, VendorEpisode episode) {

    public AlertKey {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(kind, "kind");
        if (kind.vendorEpisode() != (episode != null)) {
            throw new IllegalArgumentException(kind + " alerts " + (episode == null ? "need" : "take no")
                    + " vendor episode");
        }
        if (episode != null && !episode.month().equals(month)) {
            throw new IllegalArgumentException("a vendor episode's alert is kept under the month it began ("
                    + episode.month() + "), not " + month);
        }
        if (level < 0) {
            throw new IllegalArgumentException("level must not be negative, got " + level);
        }
    }

    /** The key of a decision made in {@code month}: a vendor episode's alerts stay with the month it began in. */
    public static AlertKey of(YearMonth month, AlertDecision decision) {
        VendorEpisode episode = decision.episode();
        return new AlertKey(episode == null ? month : episode.month(), decision.budget().id(), decision.kind(),
                decision.level(), episode);
    }

    /** The name people and filters see ({@code forecast_exceeds_budget}, {@code runaway}, ...). */
    public String wireName() {
        return kind.wireName(level);
    }

    /**
     * What on-call tools track as one incident (PagerDuty's {@code dedup_key}): a budget alert's month, budget and
     * kind (its recovery closes it); a vendor episode's kind of trouble, vendor and start, so a runaway's alert,
     * reminders, escalations and its end are one incident. Null for the digest, which is news, not an incident.
     */
    public String incident() {
        if (kind == AlertKind.DIGEST) {
            return null;
        }
        if (episode != null) {
            String family = kind.name().startsWith("RUNAWAY") ? "runaway" : kind.wireName(0);
            return family + "/" + episode.vendor() + "/" + episode.since();
        }
        return month + "/" + budget + "/" + wireName();
    }

    /** True when a message of this kind ends its incident rather than raising or updating it. */
    public boolean endsIncident() {
        return kind == AlertKind.RUNAWAY_OVER || kind == AlertKind.RUNAWAY_ACCEPTED;
    }

    /** The vendor of a vendor episode's alert, or null. */
    public String vendor() {
        return episode == null ? null : episode.vendor();
    }
}
