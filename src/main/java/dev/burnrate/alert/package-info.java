/**
 * The alert engine: the one place that decides what burnrate tells people. Plain Java: no CDI, no AWS SDK; depends
 * on {@code budget} and {@code forecast} only. The Lambda ({@code run.CheckService}) and the backtest both call
 * {@link dev.burnrate.alert.AlertEngine}; where its state lives ({@link dev.burnrate.alert.AlertState}: DynamoDB
 * with conditional writes, or memory) is not its business, and every transition below is one conditional write.
 *
 * <h2>Budget alerts (actual and forecast, per budget, kind and level, per month)</h2>
 * <pre>
 *   absent ──crossed──▶ SENT (the most urgent new one of its budget; its message queued with the claim)
 *   absent ──crossed──▶ SUPPRESSED (a more urgent alert of its budget went out in the same check)
 *   SENT ──falls to 95% of its threshold or below──▶ RECOVERED, one "back on track" message
 *   SUPPRESSED ──falls back──▶ RECOVERED, silently
 *   RECOVERED ──crossed again──▶ SENT (or SUPPRESSED)
 * </pre>
 * A forecast alert overtaken by actual spend over the same level still holds (superseded, not recovered). A new
 * month starts clean; last month's alerts are left as they were.
 * <p>
 * <b>Confirmation</b> ({@link dev.burnrate.alert.BudgetEvaluator#needsConfirmation}): a forecast less than 10% over
 * its level whose crossing is more than 7 days away is "crossed" only when the forecasts at the same time on each
 * of the {@code forecast-confirm-days - 1} days before, re-made from the spend known now, were over it too (days
 * before the month do not count). Until then it is <i>awaiting</i>: reported, not claimed, nothing stored, so
 * absent ──over, awaiting──▶ absent, and absent ──over on every confirmation day──▶ SENT (or SUPPRESSED) as above.
 * It holds no state of its own: every check re-derives it, so lost answers, retries and overlapping checks decide
 * the same, and the claim's conditional write still sends it once.
 *
 * <h2>Vendor spells (stale data, unread usage)</h2>
 * Named by the vendor and when the spell began, kept under the month it began in, so a spell that crosses midnight
 * of the 1st alerts once and recovers once: absent ──stale (or usage unread) for longer than stale-after──▶ SENT
 * ──fresh again (usage read again)──▶ RECOVERED with one message. Unread usage holds while the vendor cannot be
 * read at all.
 *
 * <h2>Runaway episodes ({@link dev.burnrate.alert.RunawayTracker}, one stored episode per vendor)</h2>
 * <pre>
 *   none/OVER/ACCEPTED ──the detector fires──▶ OPEN: baseline frozen from the hours before it; one "runaway"
 *   OPEN ──another raised hour──▶ OPEN (each reminder interval once: one "still running" with the spend so far;
 *                                      the hourly spend doubled past the last announced: one "worse")
 *   OPEN ──quiet-hours hours without a raised hour──▶ OVER: one "runaway over"
 *   OPEN ──accept-after reached (when set)──▶ ACCEPTED: one "taken as the new normal"
 *   OPEN ──its vendor's hours not read this run──▶ OPEN, unchanged (neither over nor moved on)
 *   none/OVER/ACCEPTED ──the pulse's minute-grain detector fires in the current hour──▶ OPEN from that hour,
 *                        with the pulse's opening (window, rate, signals); one "runaway" (no hourly finding needed)
 * </pre>
 * With the pulse on ({@code burnrate.pulse.enabled}), a vendor it reads is moved by the pulse alone
 * ({@link dev.burnrate.alert.AlertEngine#planPulse}): the hourly check gives no hours for it. A pulse-opened
 * episode's current hour is not judged until it completes, so it neither ends nor escalates within it.
 *
 * <h2>Pulse spells ({@code pulse_unread})</h2>
 * absent ──fast source unread for longer than {@code burnrate.pulse.unread-after}──▶ SENT ──read again by a
 * pulse──▶ RECOVERED with one message. Only the pulse claims and recovers them; the hourly check's recoveries skip
 * them, and the pulse touches no other alert.
 * An episode is state, not a re-derivation: whatever its length, across pauses shorter than the quiet spell and
 * across month boundaries it is the same episode, and a stored change is written only over the version it was
 * read at, so two checks that overlap move it once. Missed checks are caught up (up to two days of hours).
 *
 * <h2>Faults</h2>
 * A claim, recovery or episode write whose answer is lost is recognised as the run's own by its token; a write that
 * fails leaves nothing half done (the state and its message are one transaction), so the next check decides again
 * from the same state. Delivery of the queued messages is {@code notify.Dispatcher}'s.
 */
package dev.burnrate.alert;
