/**
 * The DynamoDB single table: daily cost snapshots, per-vendor collection state, alert state, runaway episodes, the
 * outbox of messages still to deliver, and the run log.
 * <p>
 * What an hourly check reads is bounded whatever the organisation's size or history: a day's cost item holds its
 * 100 largest lines and each project's rest as one line ({@link dev.burnrate.ledger.CostItemFit}, which also keeps
 * it under 300 KB); a day's usage totals sit beside it and its lines in {@code USAGE#<month>} parts that only a
 * merge reads; a month before the previous one is one summary item ({@code ~summary}), dropped whenever a day of
 * it is written and rebuilt by the next check that reads the month.
 * <p>
 * The pulse keeps its own items ({@link dev.burnrate.ledger.PulseLedger}): per vendor and day its hours at list
 * price and the models seen ({@code PULSE#<vendor>}), the vendor's pulse state beside them ({@code ~state}: since
 * when its fast source is unread, when its history was read, the last sample of a running total and the billed
 * rate), and per hour the twelve five-minute points ({@code PULSEMIN#<vendor>}, kept two days). A running total's
 * sample is written only over the sample it was differenced from, so two pulses count a difference once.
 * <p>
 * A usage write is a generation: its parts, then the totals naming them, then the previous generation's parts
 * deleted. A failure part way leaves the totals naming a complete generation; unnamed parts are deleted by the
 * day's next write. {@link dev.burnrate.ledger.AlertKeys} is the one place that
 * writes alert identities as keys. Depends on {@code provider} value types, {@code alert} and {@code forecast} values
 * and {@code config}; never on notify or the handler.
 *
 * <h2>A stored day's figure ({@link dev.burnrate.ledger.DropGuard})</h2>
 *
 * <pre>
 *  (none) --read--&gt; STORED(S)                       a first read is written as reported
 *  STORED(S) --read N, not a sharp drop--&gt; STORED(N)  rises and small revisions are written
 *  STORED(S) --read N, sharp drop--&gt; HELD(S; N, t)    S keeps counting; N and its first read t beside it
 *  HELD(S; N, t) --read N again before t + confirm--&gt; HELD(S; N, t)
 *  HELD(S; N, t) --read N again at/after t + confirm--&gt; STORED(N)   confirmed
 *  HELD(S; N, t) --read M, another sharp drop--&gt; HELD(S; M, now)
 *  HELD(S; N, t) --read M, not a sharp drop--&gt; STORED(M)            the glitch is over
 *  any state --day not in the answer--&gt; unchanged
 * </pre>
 *
 * A sharp drop is to zero or below, or by more than {@code burnrate.collect.drop-share} of S, and by at least
 * {@link dev.burnrate.ledger.DropGuard#MIN_USD}. A write is a PutItem of the whole day (it clears a hold); a hold
 * is an UpdateItem of {@code heldUsd}/{@code heldSince} on the existing item (conditional on it existing), so the
 * stored lines and total are never touched by it. Both are idempotent: a run retried after a lost answer reaches
 * the same state. A vendor's writes in one run are reported as one: {@link dev.burnrate.ledger.Ledger.PartialWrite}
 * says how many items were stored when DynamoDB failed part way, and {@code lastSuccessAt} moves only after all
 * of them.
 */
package dev.burnrate.ledger;
