package dev.burnrate.alert;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.forecast.Forecaster;
import dev.burnrate.forecast.SpendForecaster;

/**
 * Drives the engine through hourly checks as the Lambda would (in-memory state) and writes down what it sent, one
 * line per message: {@code 11-10T10 runaway:openai}, {@code 11-20T12 runaway_over:openai}. Hourly spend is made
 * by hand: a business-hours week ($10 an hour 08-19 on weekdays, $2.50 otherwise, weekends at 40%) with a small
 * fixed ripple, and runaways multiply chosen hours.
 */
final class EngineRun {

    static final Duration HOUR = Duration.ofHours(1);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("MM-dd'T'HH").withZone(ZoneOffset.UTC);

    final AlertEngine engine;
    final AlertState state = AlertState.inMemory();
    final Map<String, NavigableMap<Instant, BigDecimal>> hourly = new TreeMap<>();
    final List<String> sent = new ArrayList<>();
    final List<AlertDecision> decisions = new ArrayList<>();

    EngineRun(AlertEngine.Settings settings) {
        this(List.of(Budget.total(new BigDecimal("1000000"))), settings);
    }

    EngineRun(List<Budget> budgets, AlertEngine.Settings settings) {
        engine = new AlertEngine(budgets, new Forecaster(), Thresholds.defaults(), settings);
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /** Normal spend for {@code vendor} from {@code from} (inclusive) to {@code to} (exclusive), {@code scale}d. */
    EngineRun normal(String vendor, Instant from, Instant to, String scale) {
        NavigableMap<Instant, BigDecimal> hours = hourly.computeIfAbsent(vendor, v -> new TreeMap<>());
        for (Instant h = from; h.isBefore(to); h = h.plus(HOUR)) {
            hours.put(h, usual(h).multiply(new BigDecimal(scale)));
        }
        return this;
    }

    /** The usual spend of an hour (scale 1). */
    static BigDecimal usual(Instant h) {
        var t = h.atZone(ZoneOffset.UTC);
        boolean weekday = t.getDayOfWeek().getValue() <= 5;
        boolean business = t.getHour() >= 8 && t.getHour() < 19;
        BigDecimal level = new BigDecimal(business ? "10.00" : "2.50").multiply(new BigDecimal(weekday ? "1" : "0.4"));
        long k = h.getEpochSecond() / 3600;
        BigDecimal ripple = BigDecimal.ONE.add(BigDecimal.valueOf((k * 7919) % 11 - 5).divide(BigDecimal.valueOf(100)));
        return level.multiply(ripple);
    }

    /** {@code hours} hours from {@code start} at {@code multiple} times their usual spend. */
    EngineRun runaway(String vendor, Instant start, int hours, String multiple) {
        NavigableMap<Instant, BigDecimal> map = hourly.get(vendor);
        for (int i = 0; i < hours; i++) {
            Instant h = start.plus(HOUR.multipliedBy(i));
            map.put(h, map.getOrDefault(h, usual(h)).multiply(new BigDecimal(multiple)));
        }
        return this;
    }

    /** Hourly checks from {@code from} to {@code to} (inclusive), skipping {@code missed}. */
    EngineRun checks(Instant from, Instant to, Set<Instant> missed) {
        for (Instant asOf = from; !asOf.isAfter(to); asOf = asOf.plus(HOUR)) {
            if (!missed.contains(asOf)) {
                check(asOf, v -> false, Map.of());
            }
        }
        return this;
    }

    EngineRun checks(Instant from, Instant to) {
        return checks(from, to, Set.of());
    }

    /** One check; {@code unread} vendors' hours were not read this run; {@code lastSuccess} per vendor. */
    AlertEngine.Outcome check(Instant asOf, Function<String, Boolean> unread, Map<String, Instant> lastSuccess) {
        YearMonth month = SpendForecaster.monthOf(asOf);
        List<BudgetCheck.Outcome> outcomes = engine.evaluate(b -> new TreeMap<LocalDate, BigDecimal>(), asOf, month);
        List<AlertEngine.VendorView> views = new ArrayList<>();
        Map<String, NavigableMap<Instant, BigDecimal>> vendors = new LinkedHashMap<>(hourly);
        lastSuccess.keySet().forEach(v -> vendors.putIfAbsent(v, null));
        vendors.forEach((vendor, hours) -> views.add(new AlertEngine.VendorView(vendor, false,
                lastSuccess.get(vendor), null, null,
                hours == null || unread.apply(vendor) ? null : hours.headMap(asOf, false))));
        AlertEngine.Plan plan = engine.plan(new AlertEngine.Situation(asOf, month, outcomes, views),
                state.read(AlertEngine.monthsRead(month), vendors.keySet()));
        AlertEngine.Outcome done = engine.apply(plan, state);
        record(asOf, done);
        return done;
    }

    /**
     * One pulse at {@code asOf} for {@code vendor}: its complete hours (those before {@code asOf}'s hour) unless its
     * source is unread since {@code unreadSince}, and what the minute detector found ({@code fast}, or null).
     */
    AlertEngine.Outcome pulse(Instant asOf, String vendor, Instant unreadSince, RunawayEpisode.Opening fast) {
        YearMonth month = SpendForecaster.monthOf(asOf);
        NavigableMap<Instant, BigDecimal> hours = unreadSince != null ? null
                : hourly.get(vendor).headMap(asOf.truncatedTo(java.time.temporal.ChronoUnit.HOURS), false);
        AlertEngine.Plan plan = engine.planPulse(new AlertEngine.PulseSituation(asOf, month, Duration.ofMinutes(30),
                List.of(new AlertEngine.PulseView(vendor, unreadSince, hours, fast))),
                state.read(AlertEngine.monthsRead(month), Set.of(vendor)));
        AlertEngine.Outcome done = engine.apply(plan, state);
        record(asOf, done);
        return done;
    }

    private static final DateTimeFormatter AT_MINUTE = DateTimeFormatter.ofPattern("MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);

    void record(Instant asOf, AlertEngine.Outcome done) {
        String at = asOf.getEpochSecond() % 3600 == 0 ? AT.format(asOf) : AT_MINUTE.format(asOf);
        for (AlertDecision d : done.sent()) {
            decisions.add(d);
            sent.add(at + " " + d.wireName() + (d.vendor() == null ? "" : ":" + d.vendor()));
        }
        for (AlertKey k : done.recovered()) {
            sent.add(at + " recovered:" + k.wireName() + (k.vendor() == null ? "" : ":" + k.vendor()));
        }
    }

    long count(String kind) {
        return sent.stream().filter(line -> line.split(" ")[1].startsWith(kind + ":") || line.split(" ")[1].equals(kind))
                .count();
    }
}
