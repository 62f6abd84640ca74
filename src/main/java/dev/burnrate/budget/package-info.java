/**
 * Budgets and the decision which alerts are due: plain Java, no CDI, no AWS SDK. Whether an alert was
 * already sent is the ledger's business, not this package's.
 */
package dev.burnrate.budget;
