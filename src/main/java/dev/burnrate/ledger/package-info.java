/**
 * The DynamoDB single table: daily cost snapshots, per-vendor collection state, alert state, runaway episodes, the
 * outbox of messages still to deliver, and the run log. {@link dev.burnrate.ledger.AlertKeys} is the one place that
 * writes alert identities as keys. Depends on {@code vendor} value types, {@code alert} and {@code forecast} values
 * and {@code config}; never on notify or the handler.
 */
package dev.burnrate.ledger;
