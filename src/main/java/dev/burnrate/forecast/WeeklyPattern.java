package dev.burnrate.forecast;

import static dev.burnrate.forecast.Stats.MC;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * How spend is shared over the days of the week: a factor per day whose mean over the seven days is one, so that
 * {@code spend / factor} is the week's mean daily spend and a rate times the factors is a week's spend.
 * <ul>
 * <li>With fewer than {@value #MIN_DAYS} days every day is alike ({@link #FLAT}).</li>
 * <li>Otherwise weekdays and weekend days each get the median of their days. With fewer than 4 weekend days the
 * smallest one stands for the weekend, so one odd Sunday (a batch) does not set the weekend's level.</li>
 * <li>A <b>peak day</b> is a day of the week seen at least twice and, every time, above {@value #PEAK_RATIO} times
 * the median of the other weekdays (a weekly batch, report or evaluation run). It gets the median of its own days,
 * and it is left out of the weekday median. Seen once, such a day is a one-off and gets no factor of its own.</li>
 * </ul>
 * Negative days (refunds, credits) count as zero here.
 */
record WeeklyPattern(Map<DayOfWeek, BigDecimal> factors) {

    static final int MIN_DAYS = 7;
    static final BigDecimal PEAK_RATIO = new BigDecimal("2");
    static final WeeklyPattern FLAT = new WeeklyPattern(flatFactors());

    WeeklyPattern {
        if (factors.size() != 7) {
            throw new IllegalArgumentException("a weekly pattern needs a factor for each of the 7 days, got "
                    + factors.keySet());
        }
        factors = Map.copyOf(factors);
    }

    /**
     * The pattern of {@code days}: spend per complete day, consecutive days (so a week or more holds five weekdays
     * and two weekend days).
     */
    static WeeklyPattern of(NavigableMap<LocalDate, BigDecimal> days) {
        if (days.size() < MIN_DAYS) {
            return FLAT;
        }
        Map<DayOfWeek, List<BigDecimal>> byDay = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, usd) -> byDay.computeIfAbsent(day.getDayOfWeek(), d -> new ArrayList<>())
                .add(usd.max(BigDecimal.ZERO)));
        List<DayOfWeek> peaks = new ArrayList<>();
        for (DayOfWeek candidate : byDay.keySet()) {
            List<BigDecimal> others = new ArrayList<>();
            byDay.forEach((d, values) -> {
                if (d != candidate && !weekend(d)) {
                    others.addAll(values);
                }
            });
            List<BigDecimal> own = byDay.get(candidate);
            if (own.size() >= 2) {
                BigDecimal bar = Stats.median(others).multiply(PEAK_RATIO, MC);
                if (bar.signum() > 0 && own.stream().allMatch(v -> v.compareTo(bar) > 0)) {
                    peaks.add(candidate);
                }
            }
        }
        List<BigDecimal> weekdays = new ArrayList<>();
        List<BigDecimal> weekends = new ArrayList<>();
        byDay.forEach((d, values) -> {
            if (!peaks.contains(d)) {
                (weekend(d) ? weekends : weekdays).addAll(values);
            }
        });
        BigDecimal weekday = Stats.median(weekdays);
        // no weekend day left when both are peak days (a weekend-heavy service): no day takes this level then
        BigDecimal weekendLevel = weekends.isEmpty() ? weekday
                : weekends.size() >= 4 ? Stats.median(weekends)
                : weekends.stream().min(BigDecimal::compareTo).orElseThrow();
        Map<DayOfWeek, BigDecimal> levels = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            levels.put(d, peaks.contains(d) ? Stats.median(byDay.get(d)) : weekend(d) ? weekendLevel : weekday);
        }
        BigDecimal mean = levels.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(7), MC);
        if (mean.signum() <= 0) {
            return FLAT;
        }
        Map<DayOfWeek, BigDecimal> factors = new EnumMap<>(DayOfWeek.class);
        levels.forEach((d, level) -> factors.put(d, level.divide(mean, MC)));
        return new WeeklyPattern(factors);
    }

    BigDecimal factor(LocalDate day) {
        return factors.get(day.getDayOfWeek());
    }

    static boolean weekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    private static Map<DayOfWeek, BigDecimal> flatFactors() {
        Map<DayOfWeek, BigDecimal> factors = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            factors.put(d, BigDecimal.ONE);
        }
        return factors;
    }
}
