package dev.burnrate.backtest;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * Reads exported spend: CSV with the header {@code date,vendor,cost_usd} (UTC days, {@code 2026-11-03}) or
 * {@code hour,vendor,cost_usd} (ISO-8601 UTC hours, {@code 2026-11-03T14:00:00Z}), or {@code slot,vendor,cost_usd}
 * (five-minute slots, {@code 2026-11-03T14:05:00Z}, for the pulse's replay). Rows for the same vendor and
 * day (or hour, or slot) add up. Every problem names the file, line and column.
 */
public final class SpendCsv {

    private static final List<String> DAILY = List.of("date", "vendor", "cost_usd");
    private static final List<String> HOURLY = List.of("hour", "vendor", "cost_usd");
    private static final List<String> SLOTS = List.of("slot", "vendor", "cost_usd");

    private SpendCsv() {
    }

    /** A bad file: the message says where and what. */
    public static final class BadCsvException extends RuntimeException {
        BadCsvException(String message) {
            super(message);
        }
    }

    public static SpendHistory read(Path file) {
        String name = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(name, reader);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadCsvException(name + ": no such file");
        } catch (IOException e) {
            throw new BadCsvException(name + ": cannot be read: " + e.getMessage());
        }
    }

    static SpendHistory read(String name, Reader reader) throws IOException {
        try (MappingIterator<String[]> records = new CsvMapper().readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.TRIM_SPACES)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(reader)) {
            if (!records.hasNextValue()) {
                throw new BadCsvException(name + ": the file is empty; expected the header date,vendor,cost_usd "
                        + "or hour,vendor,cost_usd");
            }
            String[] header = records.nextValue();
            List<String> columns = java.util.Arrays.stream(header).map(c -> c.replace("\uFEFF", "").trim()).toList();
            boolean hourly;
            boolean slots = columns.equals(SLOTS);
            if (columns.equals(DAILY)) {
                hourly = false;
            } else if (columns.equals(HOURLY) || slots) {
                hourly = true;
            } else {
                throw new BadCsvException(name + ":1"
                        + ": the header must be date,vendor,cost_usd, hour,vendor,cost_usd or slot,vendor,cost_usd, "
                        + "not " + String.join(",", columns));
            }
            Map<String, NavigableMap<LocalDate, BigDecimal>> days = new TreeMap<>();
            Map<String, NavigableMap<Instant, BigDecimal>> hours = new TreeMap<>();
            while (records.hasNextValue()) {
                String[] row = records.nextValue();
                long line = records.getParser().currentTokenLocation().getLineNr();
                if (row.length != 3) {
                    throw new BadCsvException(name + ":" + line + ": expected 3 columns (" + String.join(",", columns)
                            + "), found " + row.length);
                }
                String vendor = row[1];
                if (vendor.isEmpty()) {
                    throw new BadCsvException(name + ":" + line + ": column 'vendor' is empty");
                }
                BigDecimal usd = amount(name, line, row[2]);
                if (slots) {
                    hours.computeIfAbsent(vendor, v -> new TreeMap<>()).merge(slot(name, line, row[0]), usd,
                            BigDecimal::add);
                } else if (hourly) {
                    hours.computeIfAbsent(vendor, v -> new TreeMap<>()).merge(hour(name, line, row[0]), usd,
                            BigDecimal::add);
                } else {
                    days.computeIfAbsent(vendor, v -> new TreeMap<>()).merge(day(name, line, row[0]), usd,
                            BigDecimal::add);
                }
            }
            if (days.isEmpty() && hours.isEmpty()) {
                throw new BadCsvException(name + ": the file has a header but no rows");
            }
            return slots ? SpendHistory.ofSlots(name, hours)
                    : hourly ? SpendHistory.ofHourly(name, hours) : SpendHistory.ofDaily(name, days);
        } catch (JsonProcessingException e) {
            throw new BadCsvException(name + ": not valid CSV: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
    }

    private static BigDecimal amount(String name, long line, String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new BadCsvException(name + ":" + line + ": column 'cost_usd': '" + value
                    + "' is not a number (write 12.34, no currency sign or thousands separator)");
        }
    }

    private static LocalDate day(String name, long line, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadCsvException(name + ":" + line + ": column 'date': '" + value
                    + "' is not a UTC day like 2026-11-03");
        }
    }

    private static Instant slot(String name, long line, String value) {
        return start(name, line, "slot", value, dev.burnrate.forecast.PulseDetector::slotStart,
                "an ISO-8601 UTC instant like 2026-11-03T14:05:00Z", "the start of a five-minute slot");
    }

    private static Instant hour(String name, long line, String value) {
        return start(name, line, "hour", value, at -> at.truncatedTo(ChronoUnit.HOURS),
                "an ISO-8601 UTC hour like 2026-11-03T14:00:00Z", "the start of an hour");
    }

    /** An instant in {@code column} that must be where {@code grid} puts it (the start of its hour or slot). */
    private static Instant start(String name, long line, String column, String value,
            java.util.function.UnaryOperator<Instant> grid, String expected, String start) {
        Instant at;
        try {
            at = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadCsvException(name + ":" + line + ": column '" + column + "': '" + value + "' is not "
                    + expected);
        }
        if (!grid.apply(at).equals(at)) {
            throw new BadCsvException(name + ":" + line + ": column '" + column + "': '" + value + "' is not "
                    + start);
        }
        return at;
    }
}
