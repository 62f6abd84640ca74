package dev.burnrate.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.burnrate.forecast.RunawayDetector;

/**
 * One vendor's runaway, as stored state. It opens when the detector first fires and stays the same episode,
 * whatever its length, across quiet hours shorter than the quiet spell and across month boundaries, until spend
 * has been normal for the quiet spell ({@link Status#OVER}) or, when configured, it has lasted so long that its
 * rate is taken as the new normal ({@link Status#ACCEPTED}). Its baseline is frozen at its start.
 *
 * @param startedAt         the first runaway hour (UTC hour start)
 * @param lastRaisedHour    the latest hour that was still raised against the frozen baseline
 * @param evaluatedThrough  the latest hour judged so far (missed runs are caught up from here)
 * @param profile           what each hour of the week cost before the episode
 * @param firstHourUsd      the spend of the hour that opened the episode
 * @param lastHourUsd       the spend of the latest raised hour
 * @param spentUsd          the (estimated) spend of all raised hours so far
 * @param usualUsd          what those hours usually cost
 * @param raisedHours       how many hours were raised
 * @param reminders         the last "still running" reminder sent (its day number; 0 for none)
 * @param escalations       how many times the hourly spend doubled past what was last announced
 * @param announcedHourUsd  the hourly spend last announced (the opening alert or the last escalation)
 * @param endedAt           when it ended (over or accepted); null while open
 * @param version           bumped by every stored change: the store writes a change only over the version it read
 * @param opening           how the pulse caught it (null when the hourly detector opened it)
 */
public record RunawayEpisode(String vendor, Instant startedAt, Status status, Instant lastRaisedHour,
        Instant evaluatedThrough, RunawayDetector.Profile profile, BigDecimal firstHourUsd, BigDecimal lastHourUsd,
        BigDecimal spentUsd, BigDecimal usualUsd, int raisedHours, int reminders, int escalations,
        BigDecimal announcedHourUsd, Instant endedAt, long version, Opening opening) {

    /**
     * What the pulse saw when it opened the episode, minutes after the runaway began, for the messages.
     *
     * @param since          the start of the first raised five-minute slot
     * @param windowMinutes  the window that fired (5, 15 or 60 minutes)
     * @param hourlyRateUsd  the window's spend as a rate per hour
     * @param usualRateUsd   what that window usually costs, per hour
     * @param signals        what else looks like a leaked key or a loop: a model never used before, an hour the
     *                       vendor is normally silent, the model and project that carry most of it
     */
    public record Opening(Instant since, int windowMinutes, BigDecimal hourlyRateUsd, BigDecimal usualRateUsd,
            List<String> signals) {

        public Opening {
            Objects.requireNonNull(since, "since");
            signals = List.copyOf(signals);
        }

        /** What the pulse's detector found, with what else the pulse saw. */
        public static Opening of(dev.burnrate.forecast.PulseDetector.Finding finding, List<String> signals) {
            return new Opening(finding.since(), finding.window().minutes(), finding.hourlyRateUsd(),
                    finding.usualHourlyRateUsd(), signals);
        }
    }

    public enum Status {
        /** Running: reminders, escalations and one "over" may still follow. */
        OPEN,
        /** Spend was normal for the quiet spell; the next runaway is a new episode. */
        OVER,
        /** Lasted the configured time; its last rate is the new normal until the detector's history catches up. */
        ACCEPTED
    }

    public RunawayEpisode {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastRaisedHour, "lastRaisedHour");
        Objects.requireNonNull(evaluatedThrough, "evaluatedThrough");
        Objects.requireNonNull(profile, "profile");
        if ((status == Status.OPEN) != (endedAt == null)) {
            throw new IllegalArgumentException("a runaway episode has an end exactly when it is not open: "
                    + status + " with endedAt " + endedAt);
        }
        if (lastRaisedHour.isBefore(startedAt)) {
            throw new IllegalArgumentException("lastRaisedHour " + lastRaisedHour + " is before startedAt " + startedAt);
        }
    }

    public VendorEpisode episode() {
        return new VendorEpisode(vendor, startedAt);
    }

    public boolean open() {
        return status == Status.OPEN;
    }
}
