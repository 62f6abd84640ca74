/**
 * Month-end spend forecasting: plain Java over daily totals. No CDI, no AWS SDK, no I/O, so the Lambda,
 * the tests and command-line tools all use the same code.
 */
package dev.burnrate.forecast;
