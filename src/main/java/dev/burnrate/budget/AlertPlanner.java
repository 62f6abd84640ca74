package dev.burnrate.budget;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alert lifecycle. Per budget, kind and level: absent → a crossing sends once → while it holds nothing more is
 * sent → when it no longer holds, with hysteresis, one "recovered" → a new crossing sends again. A new month starts
 * clean. Of the alerts that cross at once for one budget only the most urgent is sent and the others are claimed
 * silently, so a first check that finds spend at 85% and a forecast over budget sends one message, and 50% and
 * 80% never arrive later as stale news; a higher level crossed later is sent (escalation).
 */
public final class AlertPlanner {

    /**
     * @param claimed   every due alert this call claimed (sent or not)
     * @param send      the ones to send: the most urgent new alert per budget, and each new runaway or stale-data
     *                  episode
     * @param recovered the sent alerts that stopped holding, to announce once each
     */
    public record Plan(List<AlertDecision> claimed, List<AlertDecision> send, List<AlertKey> recovered) {
    }

    /**
     * @param due     the alerts whose condition holds now
     * @param holding the keys of the alerts whose condition still holds within the hysteresis band (a superset of
     *                {@code due}'s keys); an active alert outside it has recovered
     */
    public Plan plan(YearMonth month, List<AlertDecision> due, Set<AlertKey> holding, AlertState state) {
        Map<AlertKey, AlertState.Status> known = state.alerts(month);
        List<AlertDecision> fresh = fresh(month, due, known);
        Map<String, AlertDecision> mostUrgent = new LinkedHashMap<>();
        List<AlertDecision> chosen = new ArrayList<>();
        for (AlertDecision decision : fresh) {
            if (decision.trigger().episodic()) {
                chosen.add(decision);
            } else {
                mostUrgent.merge(decision.budget().id(), decision, (a, b) -> b.urgency() > a.urgency() ? b : a);
            }
        }
        chosen.addAll(mostUrgent.values());
        List<AlertDecision> send = new ArrayList<>();
        List<AlertDecision> claimed = new ArrayList<>();
        for (AlertDecision decision : chosen) {
            if (state.claim(AlertKey.of(month, decision), decision.valueUsd(), true)) {
                send.add(decision);
                claimed.add(decision);
            }
        }
        for (AlertDecision decision : fresh) {
            if (!chosen.contains(decision) && state.claim(AlertKey.of(month, decision), decision.valueUsd(), false)) {
                claimed.add(decision);
            }
        }
        Set<AlertKey> dueKeys = new HashSet<>();
        due.forEach(d -> dueKeys.add(AlertKey.of(month, d)));
        List<AlertKey> recovered = new ArrayList<>();
        known.entrySet().stream()
                .filter(e -> e.getValue() == AlertState.Status.SENT || e.getValue() == AlertState.Status.SUPPRESSED)
                .filter(e -> e.getKey().recoverable())
                .filter(e -> !holding.contains(e.getKey()) && !dueKeys.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(AlertKey::id)))
                .forEach(e -> {
                    if (state.recover(e.getKey()) && e.getValue() == AlertState.Status.SENT) {
                        recovered.add(e.getKey());
                    }
                });
        send.sort(Comparator.comparingInt(AlertDecision::urgency).reversed());
        claimed.sort(Comparator.comparingInt(due::indexOf));
        return new Plan(List.copyOf(claimed), List.copyOf(send), List.copyOf(recovered));
    }

    /** The due decisions that are not active, without claiming them (for dry runs). */
    public List<AlertDecision> preview(YearMonth month, List<AlertDecision> due, AlertState state) {
        return fresh(month, due, state.alerts(month));
    }

    private static List<AlertDecision> fresh(YearMonth month, List<AlertDecision> due,
            Map<AlertKey, AlertState.Status> known) {
        return due.stream().filter(d -> {
            AlertState.Status status = known.get(AlertKey.of(month, d));
            return status == null || !status.active();
        }).toList();
    }
}
