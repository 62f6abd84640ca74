package dev.burnrate.backtest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * One file's spend: per vendor, per UTC day or per UTC hour.
 *
 * @param hourly spend per vendor and hour start; empty for daily files
 * @param daily  spend per vendor and day (for hourly files, the sum of the hours)
 * @param slots  spend per vendor and five-minute slot start; empty unless the file is in slots (then
 *               {@code hourly} and {@code daily} are their sums)
 */
public record SpendHistory(String file, boolean isHourly, Map<String, NavigableMap<Instant, BigDecimal>> hourly,
        Map<String, NavigableMap<LocalDate, BigDecimal>> daily, Map<String, NavigableMap<Instant, BigDecimal>> slots) {

    public Set<String> vendors() {
        return daily.keySet();
    }

    static SpendHistory ofDaily(String file, Map<String, NavigableMap<LocalDate, BigDecimal>> daily) {
        return new SpendHistory(file, false, Map.of(), daily, Map.of());
    }

    static SpendHistory ofHourly(String file, Map<String, NavigableMap<Instant, BigDecimal>> hourly) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> daily = new TreeMap<>();
        hourly.forEach((vendor, hours) -> {
            NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
            hours.forEach((hour, usd) -> days.merge(hour.atZone(ZoneOffset.UTC).toLocalDate(), usd, BigDecimal::add));
            daily.put(vendor, days);
        });
        return new SpendHistory(file, true, hourly, daily, Map.of());
    }

    static SpendHistory ofSlots(String file, Map<String, NavigableMap<Instant, BigDecimal>> slots) {
        Map<String, NavigableMap<Instant, BigDecimal>> hourly = new TreeMap<>();
        slots.forEach((vendor, points) -> {
            NavigableMap<Instant, BigDecimal> hours = new TreeMap<>();
            points.forEach((slot, usd) -> hours.merge(slot.truncatedTo(java.time.temporal.ChronoUnit.HOURS), usd,
                    BigDecimal::add));
            hourly.put(vendor, hours);
        });
        SpendHistory hours = ofHourly(file, hourly);
        return new SpendHistory(file, true, hours.hourly(), hours.daily(), slots);
    }
}
