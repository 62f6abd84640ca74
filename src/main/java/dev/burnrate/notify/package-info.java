/**
 * Turning a due alert into a message people read (subject, text, HTML) and sending it through SNS and
 * SES. Depends on budget and forecast values and on config; never on the ledger or the vendors.
 */
package dev.burnrate.notify;
