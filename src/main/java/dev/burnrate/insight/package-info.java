/**
 * What drives spend and what to do about it, read from the stored cost lines: plain Java, no CDI, no AWS.
 * Depends only on the provider value types.
 */
package dev.burnrate.insight;
