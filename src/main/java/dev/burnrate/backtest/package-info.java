/**
 * The backtest command: replays exported spend history through the same alert engine as the Lambda
 * ({@code alert.AlertEngine}: forecasts, budgets, runaway episodes), with its state in memory. No CDI, no AWS, no network.
 */
package dev.burnrate.backtest;
