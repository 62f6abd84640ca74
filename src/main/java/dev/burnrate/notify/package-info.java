/**
 * Turning the engine's decisions into messages people read (subject, text, HTML) and delivering them: SNS, SES,
 * SMTP, Slack, a webhook. Depends on {@code alert}, {@code budget}, {@code forecast}, {@code config} and on the
 * ledger's alert store (the outbox); never on the vendors.
 *
 * <h2>Delivery ({@link dev.burnrate.notify.Dispatcher}): one queued message, every channel</h2>
 * <pre>
 *   queued (written with its alert's transition) ──a run leases it──▶ leased
 *   leased ──a channel takes it──▶ that channel recorded at once (never sent to again)
 *   leased ──a channel refuses (DeliveryException)──▶ its error recorded; the message is given back and the next
 *            run tries the channels that have not taken it
 *   leased ──every enabled channel took it──▶ removed
 *   leased ──the run dies, or cannot give it back──▶ the lease runs out (delivery-lease), then the next run goes on
 *   leased ──a channel's record finds the lease taken over──▶ left as it is to the run that holds it
 *   queued longer than give-up-after with a channel still refusing ──▶ removed, with an error in the log
 * </pre>
 * The channels of a leased message are sent at once, each recording its own outcome the moment it has one;
 * messages go one after another, oldest first, so every channel gets them in order and one at a time.
 * <p>
 * Exactly once per channel under every fault but one: a channel whose provider took the message in the instant
 * before the run died (or before the record of it failed, or after the lease was taken over) gets it again from
 * the next run. A channel failure that
 * is not a {@link dev.burnrate.notify.DeliveryException} is a bug: the other channels and messages are still
 * delivered, then it fails the invocation so the errors alarm fires.
 */
package dev.burnrate.notify;
