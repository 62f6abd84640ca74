/**
 * One check, end to end: the Lambda handler, event parsing, the orchestration of collect, record,
 * forecast, evaluate and notify, and the report. The only package that depends on all the others.
 */
package dev.burnrate.run;
