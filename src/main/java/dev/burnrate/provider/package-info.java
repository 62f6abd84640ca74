/**
 * Pulling billed cost (and usage) from each AI vendor's admin API and converting it to USD at the edge: one
 * subpackage per vendor (collector, wire DTOs, REST client), the shared call, paging and retry rules, and the
 * value types the rest of burnrate reads. Named {@code provider}, not {@code vendor}: code tools such as GitHub
 * Linguist take a {@code vendor/} directory for third-party code and would leave it out. May depend on
 * {@code config}, never on ledger, budget or notify.
 */
package dev.burnrate.provider;
