package dev.burnrate.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.burnrate.provider.DailyCost;

/**
 * Keeps a re-pulled day from silently lowering a stored figure. A day the vendor now reports sharply lower than
 * stored — to zero or below, or by more than {@code share} of it, and by at least {@link #MIN_USD} — is held:
 * the stored figure stands and the lower one is kept beside it. A read at least {@code confirmAfter} later that
 * reports the same lower figure (within a cent) confirms it and it is written — so a glitch that lasts a couple of
 * hourly runs still wipes nothing; a read back at or near the stored figure clears the hold. Days with no stored
 * figure, and smaller revisions, are written as reported.
 * <p>
 * A vendor that re-sends the trailing days with empty buckets (a glitch seen at OpenAI) therefore never wipes
 * them; a genuine refund posted to a past day is counted one run later than it arrives.
 */
public final class DropGuard {

    /** Drops smaller than this are written at once: holding them would only add noise to every message. */
    public static final BigDecimal MIN_USD = new BigDecimal("1.00");
    private static final BigDecimal SAME = new BigDecimal("0.01");

    private final BigDecimal share;
    private final java.time.Duration confirmAfter;

    /**
     * @param share        the part of a stored figure a re-pulled day may lose without being held, in (0, 1]
     * @param confirmAfter how long after the first lower read a read must come to confirm it
     */
    public DropGuard(double share, java.time.Duration confirmAfter) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("the drop share must be more than 0 and at most 1, got " + share);
        }
        if (confirmAfter.isNegative()) {
            throw new IllegalArgumentException("the confirmation delay must not be negative, got " + confirmAfter);
        }
        this.share = BigDecimal.valueOf(share);
        this.confirmAfter = confirmAfter;
    }

    /** A stored day: its figure, the drop held against it (if any) and its revisions. */
    public record Stored(BigDecimal totalUsd, DailySnapshot.Held held, List<DailySnapshot.Revision> revisions) {
        public Stored {
            revisions = revisions == null ? List.of() : List.copyOf(revisions);
        }

        public Stored(BigDecimal totalUsd, DailySnapshot.Held held) {
            this(totalUsd, held, List.of());
        }
    }

    /** A reported day that is not written: the stored figure stands. */
    public record Hold(DailyCost reported, BigDecimal storedUsd, Instant since) {
    }

    /**
     * @param write     the days to write as reported
     * @param hold      the days held back
     * @param confirmed the days among {@code write} whose lower figure a second read confirmed
     */
    public record Verdict(List<DailyCost> write, List<Hold> hold, List<DailyCost> confirmed) {
    }

    /** What to do with each reported day, given what is stored for the same days. */
    public Verdict judge(List<DailyCost> reported, Map<LocalDate, Stored> stored, Instant now) {
        List<DailyCost> write = new ArrayList<>();
        List<Hold> hold = new ArrayList<>();
        List<DailyCost> confirmed = new ArrayList<>();
        for (DailyCost day : reported) {
            Stored before = stored.get(day.day());
            if (before == null || !sharpDrop(before.totalUsd(), day.totalUsd())) {
                write.add(day);
            } else if (before.held() != null
                    && before.held().reportedUsd().subtract(day.totalUsd()).abs().compareTo(SAME) <= 0) {
                if (before.held().since().plus(confirmAfter).isAfter(now)) {
                    hold.add(new Hold(day, before.totalUsd(), before.held().since()));
                } else {
                    write.add(day);
                    confirmed.add(day);
                }
            } else {
                hold.add(new Hold(day, before.totalUsd(), now));
            }
        }
        return new Verdict(write, hold, confirmed);
    }

    private boolean sharpDrop(BigDecimal storedUsd, BigDecimal reportedUsd) {
        if (storedUsd.subtract(reportedUsd).compareTo(MIN_USD) < 0) {
            return false;
        }
        boolean toZero = reportedUsd.signum() <= 0 && storedUsd.signum() > 0;
        return toZero || reportedUsd.compareTo(storedUsd.multiply(BigDecimal.ONE.subtract(share))) < 0;
    }
}
