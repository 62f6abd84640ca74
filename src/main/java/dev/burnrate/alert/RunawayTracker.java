package dev.burnrate.alert;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;

import dev.burnrate.alert.RunawayEpisode.Status;
import dev.burnrate.forecast.RunawayDetector;

/**
 * Moves one vendor's runaway episode along by the hours that completed since it was last judged. Plain Java; the
 * caller stores the new episode (over the version it read) and sends the notices.
 * <p>
 * The lifecycle: none or ended → (the detector fires) OPEN, one {@link AlertKind#RUNAWAY} alert → while raised
 * hours keep coming: one {@link AlertKind#RUNAWAY_REMINDER} a reminder interval (day n of the episode, once),
 * one {@link AlertKind#RUNAWAY_ESCALATION} each time the hourly spend doubles past what was last announced (the
 * highest of its first three hours, since a loop that began mid-hour shows its full rate only after it) →
 * after the quiet spell without a raised hour: OVER, one {@link AlertKind#RUNAWAY_OVER}; or, when
 * {@code acceptAfter} is set and reached first: ACCEPTED, one {@link AlertKind#RUNAWAY_ACCEPTED}. An ended
 * episode stays stored until the next one opens; a new episode never starts inside the old one.
 */
public final class RunawayTracker {

    private static final Duration HOUR = Duration.ofHours(1);
    /** How long an accepted rate counts as normal: the detector's four weeks of history hold it by then. */
    static final Duration ACCEPTED_FOR = Duration.ofDays(28);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    /** The first hours of an episode set the rate it is compared with, silently. */
    static final int RAMP_HOURS = 3;

    /**
     * @param quietHours    hours without a raised hour after which an episode is over
     * @param reminderEvery how often a running episode says it is still running
     * @param acceptAfter   when set, how long an episode runs before its rate is taken as the new normal
     * @param catchUpHours  the most hours judged in one step after missed runs
     */
    public record Settings(int quietHours, Duration reminderEvery, Optional<Duration> acceptAfter, int catchUpHours) {

        public Settings {
            if (quietHours < 1) {
                throw new IllegalArgumentException("the quiet spell must be at least one hour, got " + quietHours);
            }
            if (reminderEvery.compareTo(HOUR) < 0) {
                throw new IllegalArgumentException("reminders can be at most hourly, got every " + reminderEvery);
            }
            Objects.requireNonNull(acceptAfter, "acceptAfter");
            acceptAfter.filter(d -> d.compareTo(HOUR.multipliedBy(quietHours)) <= 0).ifPresent(d -> {
                throw new IllegalArgumentException("accept-after " + d + " must be longer than the quiet spell of "
                        + quietHours + " h");
            });
            if (catchUpHours < 1) {
                throw new IllegalArgumentException("catch-up hours must be at least 1, got " + catchUpHours);
            }
        }

        public static Settings defaults() {
            return new Settings(3, Duration.ofDays(1), Optional.empty(), 48);
        }
    }

    /** A notice to send, of a kind and level, about the episode as it is after the step. */
    public record Notice(AlertKind kind, int level) {
    }

    /** The stored episode before (null for none), after, and what to tell people. */
    public record Step(RunawayEpisode before, RunawayEpisode after, List<Notice> notices) {
    }

    private final RunawayDetector detector;
    private final Settings settings;

    public RunawayTracker(RunawayDetector detector, Settings settings) {
        this.detector = detector;
        this.settings = settings;
    }

    /**
     * @param stored the vendor's latest stored episode (open or ended), or null
     * @param hourly the vendor's hourly spend, read this run
     * @return the change to store, or empty when nothing changed
     */
    public Optional<Step> advance(String vendor, RunawayEpisode stored, NavigableMap<Instant, BigDecimal> hourly,
            Instant asOf) {
        return advance(vendor, stored, hourly, asOf, null);
    }

    /**
     * As {@link #advance(String, RunawayEpisode, NavigableMap, Instant)}, with what the pulse found in the minutes
     * since the last complete hour: when no episode is open and the hourly detector does not fire, it opens one in
     * the current hour, so the runaway is announced minutes after it began rather than after its hour.
     *
     * @param fast the pulse's finding, or null
     */
    public Optional<Step> advance(String vendor, RunawayEpisode stored, NavigableMap<Instant, BigDecimal> hourly,
            Instant asOf, RunawayEpisode.Opening fast) {
        Instant last = asOf.truncatedTo(ChronoUnit.HOURS).minus(HOUR);
        RunawayEpisode episode = stored;
        boolean opened = false;
        if (episode == null || !episode.open()) {
            Optional<RunawayEpisode> fresh = open(vendor, stored, hourly, asOf, fast);
            if (fresh.isEmpty()) {
                return Optional.empty();
            }
            episode = fresh.get();
            opened = true;
        }
        Instant from = episode.evaluatedThrough().plus(HOUR);
        Instant earliest = last.minus(HOUR.multipliedBy(settings.catchUpHours() - 1L));
        if (from.isBefore(earliest)) {
            from = earliest;
        }
        Judged judged = new Judged(episode);
        for (Instant hour = from; !hour.isAfter(last); hour = hour.plus(HOUR)) {
            judged.judge(hour, hourly.getOrDefault(hour, BigDecimal.ZERO));
        }
        List<Notice> notices = new ArrayList<>();
        RunawayEpisode after = judged.episode(episode);
        if (opened) {
            notices.add(new Notice(AlertKind.RUNAWAY, 0));
        } else if (Duration.between(after.lastRaisedHour(), last).toHours() >= settings.quietHours()) {
            after = ended(after, Status.OVER, after.lastRaisedHour().plus(HOUR), after.announcedHourUsd());
            notices.add(new Notice(AlertKind.RUNAWAY_OVER, 0));
        } else if (settings.acceptAfter().isPresent()
                && Duration.between(after.startedAt(), last.plus(HOUR)).compareTo(settings.acceptAfter().get()) >= 0) {
            after = ended(after, Status.ACCEPTED, last.plus(HOUR), after.lastHourUsd());
            notices.add(new Notice(AlertKind.RUNAWAY_ACCEPTED, 0));
        } else if (judged.raisedLast(last)
                && Duration.between(after.startedAt(), last).toHours() < RAMP_HOURS) {
            // a loop that began mid-hour shows its full rate only in the next hours: that is not "worse"
            BigDecimal lastUsd = hourly.getOrDefault(last, BigDecimal.ZERO);
            after = with(after, after.reminders(), after.escalations(), lastUsd.max(after.announcedHourUsd()));
        } else if (judged.raisedLast(last)) {
            int day = (int) (Duration.between(after.startedAt(), last.plus(HOUR)).toHours()
                    / settings.reminderEvery().toHours());
            BigDecimal lastUsd = hourly.getOrDefault(last, BigDecimal.ZERO);
            if (lastUsd.compareTo(after.announcedHourUsd().multiply(TWO)) >= 0) {
                after = with(after, after.reminders(), after.escalations() + 1, lastUsd);
                notices.add(new Notice(AlertKind.RUNAWAY_ESCALATION, after.escalations()));
            } else if (day > after.reminders()) {
                after = with(after, day, after.escalations(), after.announcedHourUsd());
                notices.add(new Notice(AlertKind.RUNAWAY_REMINDER, day));
            }
        }
        if (!opened && notices.isEmpty() && after.equals(stored)) {
            return Optional.empty();
        }
        after = withVersion(after, stored == null ? 1 : stored.version() + 1);
        return Optional.of(new Step(stored, after, List.copyOf(notices)));
    }

    private Optional<RunawayEpisode> open(String vendor, RunawayEpisode ended, NavigableMap<Instant, BigDecimal> hourly,
            Instant asOf, RunawayEpisode.Opening fast) {
        Optional<RunawayDetector.Finding> finding = detector.evaluate(hourly, asOf);
        Instant start;
        BigDecimal hourUsd;
        RunawayEpisode.Opening opening = null;
        if (finding.isPresent()) {
            start = finding.get().startedAt();
            hourUsd = finding.get().hourUsd();
        } else if (fast != null) {
            start = fast.since().truncatedTo(ChronoUnit.HOURS);
            hourUsd = fast.hourlyRateUsd();
            opening = fast;
        } else {
            return Optional.empty();
        }
        if (ended != null) {
            if (ended.status() == Status.ACCEPTED && asOf.isBefore(ended.endedAt().plus(ACCEPTED_FOR))
                    && hourUsd.compareTo(ended.announcedHourUsd().multiply(BigDecimal.valueOf(4))) < 0) {
                return Optional.empty();
            }
            if (!start.isAfter(ended.lastRaisedHour())) {
                start = ended.lastRaisedHour().plus(HOUR);
            }
        }
        RunawayDetector.Profile profile = detector.profile(hourly, start);
        return Optional.of(new RunawayEpisode(vendor, start, Status.OPEN, start, start.minus(HOUR), profile, hourUsd,
                hourUsd, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, 0, hourUsd, null, 0, opening));
    }

    /** The raised hours of one step, added up. */
    private final class Judged {
        private final RunawayEpisode episode;
        private Instant lastRaised;
        private Instant through;
        private BigDecimal lastUsd;
        private BigDecimal spent;
        private BigDecimal usual;
        private int raised;

        Judged(RunawayEpisode episode) {
            this.episode = episode;
            lastRaised = episode.lastRaisedHour();
            through = episode.evaluatedThrough();
            lastUsd = episode.lastHourUsd();
            spent = episode.spentUsd();
            usual = episode.usualUsd();
            raised = episode.raisedHours();
        }

        void judge(Instant hour, BigDecimal usd) {
            int slot = RunawayDetector.Profile.slot(episode.startedAt(), hour);
            if (detector.raised(episode.profile(), slot, usd)) {
                lastRaised = hour;
                lastUsd = usd;
                spent = spent.add(usd);
                usual = usual.add(episode.profile().baselineUsd().get(slot));
                raised++;
            }
            through = hour;
        }

        boolean raisedLast(Instant last) {
            return lastRaised.equals(last);
        }

        RunawayEpisode episode(RunawayEpisode e) {
            return new RunawayEpisode(e.vendor(), e.startedAt(), e.status(), lastRaised, through, e.profile(),
                    e.firstHourUsd(), lastUsd, spent, usual, raised, e.reminders(), e.escalations(),
                    e.announcedHourUsd(), e.endedAt(), e.version(), e.opening());
        }
    }

    private static RunawayEpisode ended(RunawayEpisode e, Status status, Instant at, BigDecimal announced) {
        return new RunawayEpisode(e.vendor(), e.startedAt(), status, e.lastRaisedHour(), e.evaluatedThrough(),
                e.profile(), e.firstHourUsd(), e.lastHourUsd(), e.spentUsd(), e.usualUsd(), e.raisedHours(),
                e.reminders(), e.escalations(), announced, at, e.version(), e.opening());
    }

    private static RunawayEpisode with(RunawayEpisode e, int reminders, int escalations, BigDecimal announced) {
        return new RunawayEpisode(e.vendor(), e.startedAt(), e.status(), e.lastRaisedHour(), e.evaluatedThrough(),
                e.profile(), e.firstHourUsd(), e.lastHourUsd(), e.spentUsd(), e.usualUsd(), e.raisedHours(),
                reminders, escalations, announced, e.endedAt(), e.version(), e.opening());
    }

    private static RunawayEpisode withVersion(RunawayEpisode e, long version) {
        return new RunawayEpisode(e.vendor(), e.startedAt(), e.status(), e.lastRaisedHour(), e.evaluatedThrough(),
                e.profile(), e.firstHourUsd(), e.lastHourUsd(), e.spentUsd(), e.usualUsd(), e.raisedHours(),
                e.reminders(), e.escalations(), e.announcedHourUsd(), e.endedAt(), version, e.opening());
    }
}
