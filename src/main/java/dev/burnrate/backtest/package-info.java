/**
 * The backtest command: replays exported spend history through the same forecaster, budget evaluation and
 * alert planning as the Lambda, with alert state in memory. No CDI, no AWS, no network.
 */
package dev.burnrate.backtest;
