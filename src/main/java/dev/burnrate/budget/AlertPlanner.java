package dev.burnrate.budget;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the alerts due now into the messages to send: each due alert is claimed once, and of those new for one
 * budget only the most urgent is sent. So a first check that finds spend at 85% and a forecast
 * over budget sends one message (the forecast), and 50% and 80% never arrive later as stale news.
 */
public final class AlertPlanner {

    /**
     * @param claimed every due alert this call claimed (sent or not)
     * @param send    the ones to send: the most urgent newly claimed alert per budget, and each new runaway
     */
    public record Plan(List<AlertDecision> claimed, List<AlertDecision> send) {
    }

    /**
     * Picks, from the due alerts not claimed before, the most urgent per budget (and every new runaway), claims
     * those to send, then claims the others silently. Picking before claiming keeps two overlapping runs from
     * splitting one budget's alerts between them and sending two messages: both pick the same alert, and only
     * one of them wins its claim.
     */
    public Plan plan(YearMonth month, List<AlertDecision> due, AlertState state) {
        List<AlertDecision> fresh = preview(month, due, state);
        Map<String, AlertDecision> mostUrgent = new LinkedHashMap<>();
        List<AlertDecision> chosen = new ArrayList<>();
        for (AlertDecision decision : fresh) {
            if (decision.trigger() == Trigger.RUNAWAY) {
                chosen.add(decision);
            } else {
                mostUrgent.merge(decision.budget().id(), decision, (a, b) -> b.urgency() > a.urgency() ? b : a);
            }
        }
        chosen.addAll(mostUrgent.values());
        List<AlertDecision> send = new ArrayList<>();
        List<AlertDecision> claimed = new ArrayList<>();
        for (AlertDecision decision : chosen) {
            if (state.claim(AlertKey.of(month, decision), decision.valueUsd())) {
                send.add(decision);
                claimed.add(decision);
            }
        }
        for (AlertDecision decision : fresh) {
            if (!chosen.contains(decision) && state.claim(AlertKey.of(month, decision), decision.valueUsd())) {
                claimed.add(decision);
            }
        }
        send.sort(Comparator.comparingInt(AlertDecision::urgency).reversed());
        claimed.sort(Comparator.comparingInt(due::indexOf));
        return new Plan(List.copyOf(claimed), List.copyOf(send));
    }

    /** The due decisions that were not claimed before, without claiming them (for dry runs). */
    public List<AlertDecision> preview(YearMonth month, List<AlertDecision> due, AlertState state) {
        return due.stream().filter(d -> !state.isClaimed(AlertKey.of(month, d))).toList();
    }
}
