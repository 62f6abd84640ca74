package dev.burnrate.config;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Every log record, at every level and from every library (the REST client's request logging included), leaves
 * through {@link Redaction}: its formatted message and its exception chain are scrubbed of secrets. Set on the
 * console handler in {@code application.properties} ({@code quarkus.log.console.filter=redact}).
 */
@LoggingFilter(name = "redact")
public final class RedactingLogFilter implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        String message;
        if (record instanceof ExtLogRecord ext) {
            message = ext.getFormattedMessage();
            String scrubbed = Redaction.scrub(message);
            if (scrubbed != null && !scrubbed.equals(message)) {
                ext.setMessage(scrubbed, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else if (record.getMessage() != null) {
            record.setMessage(Redaction.scrub(record.getMessage()));
        }
        record.setThrown(Redaction.scrub(record.getThrown()));
        return true;
    }
}
