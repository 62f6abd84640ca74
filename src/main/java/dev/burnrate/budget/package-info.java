/**
 * What a budget is: a monthly USD amount over all vendors, one vendor or one project, the thresholds that alert on
 * it, and the one-line text that configures them. Plain Java; depends on nothing else in burnrate.
 */
package dev.burnrate.budget;
