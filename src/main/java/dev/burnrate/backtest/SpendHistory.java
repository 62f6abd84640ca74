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
 */
public record SpendHistory(String file, boolean isHourly, Map<String, NavigableMap<Instant, BigDecimal>> hourly,
        Map<String, NavigableMap<LocalDate, BigDecimal>> daily) {

    public Set<String> vendors() {
        return daily.keySet();
    }

    static SpendHistory ofDaily(String file, Map<String, NavigableMap<LocalDate, BigDecimal>> daily) {
        return new SpendHistory(file, false, Map.of(), daily);
    }

    static SpendHistory ofHourly(String file, Map<String, NavigableMap<Instant, BigDecimal>> hourly) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> daily = new TreeMap<>();
        hourly.forEach((vendor, hours) -> {
            NavigableMap<LocalDate, BigDecimal> days = new TreeMap<>();
            hours.forEach((hour, usd) -> days.merge(hour.atZone(ZoneOffset.UTC).toLocalDate(), usd, BigDecimal::add));
            daily.put(vendor, days);
        });
        return new SpendHistory(file, true, hourly, daily);
    }
}
