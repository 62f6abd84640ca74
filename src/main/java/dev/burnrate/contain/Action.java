package dev.burnrate.contain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One containment action as stored: what it switches off, why, where it stands, the vendor's state before it acted
 * and every transition (the audit). Transitions are pure: each returns the next action, one version on, with its
 * event appended, or refuses with a {@link Refused} that says why; the store writes it over the version it was read
 * at.
 *
 * @param triggerKey   what proposed it: a runaway episode ({@code runaway:openai:2026-11-18T08:00:00Z}) or a budget
 *                     level ({@code budget:openai/proj_abc:2026-11:150}); the id is derived from it and the target
 * @param expiresAt    when a proposal's approval link stops working
 * @param capUsd       for an OpenAI project, the hard limit the action sets (what it had spent); null otherwise
 * @param prior        the vendor's state before the first attempt, as the vendor's switch wrote it; null until read
 * @param priorSummary the same for people: {@code no hard spend limit}, {@code 2 active keys: ...}
 * @param answer       the vendor's last answer, or the error, for people
 */
public record Action(String id, Target target, ActionStatus status, Mode mode, String triggerKey, String reason,
        Instant proposedAt, Instant expiresAt, BigDecimal capUsd, String prior, String priorSummary, String answer,
        long version, List<Event> history) {

    /**
     * One transition: when, to what, who or what decided ({@code rule: runaway $420/h above $50/h},
     * {@code link}, {@code arn:aws:iam::...:user/ana}), and what came of it.
     */
    public record Event(Instant at, ActionStatus status, String by, String detail) {
        public Event {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(status, "status");
        }
    }

    /** A transition that cannot happen: the message says why, for the person who asked. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    public Action {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        history = List.copyOf(history);
    }

    /** A new proposal, not stored yet (version 0). */
    public static Action propose(Target target, Mode mode, String triggerKey, String reason, BigDecimal capUsd,
            Instant now, Instant expiresAt) {
        return new Action(idOf(target, triggerKey), target, ActionStatus.PROPOSED, mode, triggerKey, reason, now,
                expiresAt, capUsd, null, null, null, 0,
                List.of(new Event(now, ActionStatus.PROPOSED, "burnrate", reason)));
    }

    /**
     * The id of the action a trigger proposes for a target: the same for every check that sees the same trigger,
     * so two checks at once propose it once. {@code c} and 12 base-32 characters of a SHA-256.
     */
    public static String idOf(Target target, String triggerKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((target.vendor() + "\n" + target.id() + "\n"
                    + triggerKey).getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("c");
            String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = bits << 8 | (digest[i] & 0xff);
            }
            for (int i = 0; i < 12; i++) {
                id.append(alphabet.charAt((int) (bits >>> (59 - 5 * i) & 31)));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Approved by a person ({@code by}) or the auto rule: from PROPOSED (unexpired) or FAILED (approved again). */
    public Action approve(String by, Instant now) {
        if (status == ActionStatus.PROPOSED && now.isAfter(expiresAt)) {
            throw new Refused("action " + id + " (" + target.label() + ") was proposed at " + proposedAt
                    + " and expired unapproved at " + expiresAt + "; a new runaway or budget crossing proposes again");
        }
        require(Set.of(ActionStatus.PROPOSED, ActionStatus.FAILED), "approved");
        return next(ActionStatus.APPROVED, by, now, null, prior, priorSummary, answer);
    }

    /** The vendor's prior state read (once) and about to be changed: from APPROVED, or ACTING when resumed. */
    public Action acting(String readPrior, String readSummary, Instant now) {
        require(Set.of(ActionStatus.APPROVED, ActionStatus.ACTING), "acted on");
        String keep = prior != null ? prior : readPrior;
        String keepSummary = prior != null ? priorSummary : readSummary;
        return next(ActionStatus.ACTING, "burnrate", now, "before: " + keepSummary, keep, keepSummary, answer);
    }

    /** The switch is set. */
    public Action contained(String vendorAnswer, Instant now) {
        require(Set.of(ActionStatus.ACTING), "marked contained");
        return next(ActionStatus.CONTAINED, "burnrate", now, vendorAnswer, prior, priorSummary, vendorAnswer);
    }

    /**
     * The vendor refused or failed; {@code error} says what was and was not changed. From ACTING, or from APPROVED
     * when the state before could not even be read (then nothing was changed).
     */
    public Action failed(String error, Instant now) {
        require(Set.of(ActionStatus.APPROVED, ActionStatus.ACTING), "marked failed");
        return next(ActionStatus.FAILED, "burnrate", now, error, prior, priorSummary, error);
    }

    /**
     * Undo asked for by {@code by}: from CONTAINED, UNDO_FAILED or UNDOING (asked again), or FAILED once the state
     * before was read (a switch that failed part way, such as some of a workspace's keys, is put back too).
     */
    public Action undoing(String by, Instant now) {
        if (status == ActionStatus.FAILED && prior == null) {
            throw new Refused("action " + id + " (" + target.label() + ") failed before anything was changed: there "
                    + "is nothing to undo");
        }
        require(Set.of(ActionStatus.CONTAINED, ActionStatus.UNDO_FAILED, ActionStatus.UNDOING, ActionStatus.FAILED),
                "undone");
        return next(ActionStatus.UNDOING, by, now, "restore: " + priorSummary, prior, priorSummary, answer);
    }

    /** The prior state is back. */
    public Action undone(String vendorAnswer, Instant now) {
        require(Set.of(ActionStatus.UNDOING), "marked undone");
        return next(ActionStatus.UNDONE, "burnrate", now, vendorAnswer, prior, priorSummary, vendorAnswer);
    }

    /** Restoring the prior state failed. */
    public Action undoFailed(String error, Instant now) {
        require(Set.of(ActionStatus.UNDOING), "marked undo-failed");
        return next(ActionStatus.UNDO_FAILED, "burnrate", now, error, prior, priorSummary, error);
    }

    /** A proposal nobody approved before its link expired. */
    public Action expire(Instant now) {
        if (status != ActionStatus.PROPOSED || !now.isAfter(expiresAt)) {
            throw new Refused("action " + id + " is " + status.wireName() + ", not an expired proposal");
        }
        return next(ActionStatus.EXPIRED, "burnrate", now, "not approved by " + expiresAt, prior, priorSummary,
                answer);
    }

    /**
     * True while this action holds its target, so that no second action is proposed for it: until it is undone or
     * expired, except when it failed before anything was changed (nothing to undo: a later trigger may propose
     * again, while this one can still be approved again).
     */
    public boolean holdsTarget() {
        return status.open() && !(status == ActionStatus.FAILED && prior == null);
    }

    /** The event of the last transition. */
    public Event last() {
        return history.get(history.size() - 1);
    }

    /** The first event with {@code status}, if any (who approved, when it was contained). */
    public java.util.Optional<Event> first(ActionStatus wanted) {
        return history.stream().filter(e -> e.status() == wanted).findFirst();
    }

    private void require(Set<ActionStatus> from, String what) {
        if (!from.contains(status)) {
            Event last = last();
            throw new Refused("action " + id + " (" + target.label() + ") cannot be " + what + ": it is "
                    + status.wireName() + " since " + last.at() + (last.by() == null ? "" : " (" + last.by() + ")"));
        }
    }

    private Action next(ActionStatus to, String by, Instant now, String detail, String keptPrior, String keptSummary,
            String keptAnswer) {
        List<Event> events = new ArrayList<>(history);
        events.add(new Event(now, to, by, detail));
        return new Action(id, target, to, mode, triggerKey, reason, proposedAt, expiresAt, capUsd, keptPrior,
                keptSummary, keptAnswer, version + 1, events);
    }

    /** {@code proposed}, {@code contained}, ...: the status people and the report read. */
    public String state() {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
