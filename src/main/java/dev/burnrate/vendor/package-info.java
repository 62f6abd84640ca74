/**
 * Pulling billed cost from each AI vendor's admin API and converting it to USD at the edge.
 * One subpackage per vendor; may depend on {@code config}, never on ledger, budget or notify.
 */
package dev.burnrate.vendor;
