package dev.burnrate.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.burnrate.run.SpendMetrics;

/**
 * The CloudWatch Embedded Metric Format lines a check writes, read off the metrics logger as CloudWatch Logs would
 * read them off stdout: each must parse as one JSON document.
 */
public final class EmfLines extends Handler implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> lines = new ArrayList<>();
    private final Logger logger = Logger.getLogger(SpendMetrics.LOGGER);

    public EmfLines() {
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        lines.add(record.getMessage());
    }

    /** Every line so far, parsed. */
    public synchronized List<JsonNode> documents() {
        return lines.stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }

    /** The value of one metric in the document with this dimension value, or null. */
    public JsonNode value(String dimension, String dimensionValue, String metric) {
        return documents().stream().filter(d -> dimensionValue.equals(d.path(dimension).asText(null)) && d.has(metric))
                .map(d -> d.get(metric)).reduce((a, b) -> b).orElse(null);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
