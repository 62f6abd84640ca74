/**
 * The DynamoDB single table: daily cost snapshots, per-vendor collection state, alert state and the run
 * log. Depends on {@code vendor} value types and {@code config}; never on notify or the handler.
 */
package dev.burnrate.ledger;
