/**
 * Typed configuration and the producers of infrastructure beans (AWS clients, clock).
 * Depends on nothing else in burnrate.
 */
package dev.burnrate.config;
