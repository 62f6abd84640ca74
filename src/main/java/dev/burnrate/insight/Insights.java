package dev.burnrate.insight;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;

/**
 * Top drivers (the projects and models whose spend grew most against their own baseline) and advice drawn from
 * the data, each line only when the data supports it.
 */
public final class Insights {

    private static final MathContext MC = MathContext.DECIMAL64;
    static final int RECENT_DAYS = 7;
    static final int BASELINE_DAYS = 21;
    private static final BigDecimal CACHE_SHARE_FLOOR = new BigDecimal("0.10");
    private static final BigDecimal DOMINANT_SHARE = new BigDecimal("0.60");
    private static final BigDecimal MATERIAL_SHARE = new BigDecimal("0.05");

    /**
     * A project and model (or line item) whose daily spend changed.
     *
     * @param recentPerDayUsd   average over the last 7 days
     * @param baselinePerDayUsd average over the 21 days before
     */
    public record Driver(String vendor, String project, String item, BigDecimal recentPerDayUsd,
            BigDecimal baselinePerDayUsd) {

        public BigDecimal increasePerDayUsd() {
            return recentPerDayUsd.subtract(baselinePerDayUsd);
        }
    }

    /** Drivers and advice for one scope of spend. */
    public record Findings(List<Driver> drivers, List<String> advice) {
    }

    /**
     * @param days  the stored days of the scope (any vendors), history included
     * @param today the day of the check; days from it on are not used
     */
    public Findings analyse(List<DailyCost> days, LocalDate today) {
        return new Findings(drivers(days, today, 3), advice(days, today));
    }

    List<Driver> drivers(List<DailyCost> days, LocalDate today, int limit) {
        LocalDate recentFrom = today.minusDays(RECENT_DAYS);
        LocalDate baselineFrom = recentFrom.minusDays(BASELINE_DAYS);
        Map<List<String>, BigDecimal[]> sums = new HashMap<>();
        for (DailyCost day : days) {
            if (day.day().isBefore(baselineFrom) || !day.day().isBefore(today)) {
                continue;
            }
            boolean recent = !day.day().isBefore(recentFrom);
            for (CostLine line : day.lines()) {
                BigDecimal[] sum = sums.computeIfAbsent(List.of(day.vendor(), line.project(), model(line.item())),
                        k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                sum[recent ? 0 : 1] = sum[recent ? 0 : 1].add(line.amountUsd());
            }
        }
        List<Driver> drivers = new ArrayList<>();
        sums.forEach((key, sum) -> {
            Driver driver = new Driver(key.get(0), key.get(1), key.get(2), money(perDay(sum[0], RECENT_DAYS)),
                    money(perDay(sum[1], BASELINE_DAYS)));
            if (driver.increasePerDayUsd().signum() > 0) {
                drivers.add(driver);
            }
        });
        drivers.sort(Comparator.comparing(Driver::increasePerDayUsd).reversed()
                .thenComparing(Driver::vendor).thenComparing(Driver::project).thenComparing(Driver::item));
        return drivers.subList(0, Math.min(limit, drivers.size()));
    }

    List<String> advice(List<DailyCost> days, LocalDate today) {
        List<CostLine> lines = new ArrayList<>();
        days.stream().filter(d -> d.day().isBefore(today) && !d.day().isBefore(today.minusDays(RECENT_DAYS + 7L)))
                .forEach(d -> lines.addAll(d.lines()));
        BigDecimal total = sum(lines, l -> true);
        List<String> advice = new ArrayList<>();
        if (total.signum() <= 0) {
            return advice;
        }
        BigDecimal input = sum(lines, Insights::isInput);
        BigDecimal cached = sum(lines, Insights::isCachedInput);
        if (share(input, total).compareTo(new BigDecimal("0.30")) >= 0
                && share(cached, input).compareTo(CACHE_SHARE_FLOOR) < 0) {
            advice.add("Cached input is " + percent(share(cached, input)) + " of input spend ("
                    + percent(share(input, total)) + " of all spend is input): prompt caching of repeated system "
                    + "prompts and context can cut input cost by up to 90% on cache hits.");
        }
        Map<String, BigDecimal> byModel = new HashMap<>();
        lines.forEach(l -> byModel.merge(model(l.item()), l.amountUsd(), BigDecimal::add));
        byModel.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(top -> {
            if (share(top.getValue(), total).compareTo(DOMINANT_SHARE) >= 0 && isLargeModel(top.getKey())) {
                advice.add(top.getKey() + " is " + percent(share(top.getValue(), total)) + " of spend: routing "
                        + "simpler requests to a smaller model of the same family usually costs a fraction.");
            }
        });
        BigDecimal batch = sum(lines, l -> l.item().toLowerCase(Locale.ROOT).contains("batch"));
        BigDecimal bursty = burstyProjectSpend(days, today);
        if (share(batch, total).compareTo(MATERIAL_SHARE) < 0 && share(bursty, total).compareTo(MATERIAL_SHARE) >= 0) {
            advice.add(percent(share(bursty, total)) + " of spend comes in bursts from projects that run on some days "
                    + "only, which looks like batch work: the vendors' Batch APIs charge half price for results within "
                    + "24 hours.");
        }
        return advice;
    }

    /** Spend of projects whose busiest days carry most of their spend (jobs rather than traffic). */
    private static BigDecimal burstyProjectSpend(List<DailyCost> days, LocalDate today) {
        Map<String, List<BigDecimal>> perProject = new HashMap<>();
        LocalDate from = today.minusDays(RECENT_DAYS + 7L);
        for (DailyCost day : days) {
            if (day.day().isBefore(from) || !day.day().isBefore(today)) {
                continue;
            }
            Map<String, BigDecimal> projectDay = new HashMap<>();
            day.lines().forEach(l -> projectDay.merge(day.vendor() + "/" + l.project(), l.amountUsd(), BigDecimal::add));
            projectDay.forEach((p, usd) -> perProject.computeIfAbsent(p, k -> new ArrayList<>()).add(usd));
        }
        BigDecimal bursty = BigDecimal.ZERO;
        for (List<BigDecimal> values : perProject.values()) {
            long active = values.stream().filter(v -> v.signum() > 0).count();
            BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (active > 0 && active <= (RECENT_DAYS + 7L) / 3 && sum.signum() > 0) {
                bursty = bursty.add(sum);
            }
        }
        return bursty;
    }

    /** The model part of a line item: OpenAI's {@code "gpt-5-2025-08-07, input"}, Anthropic's description. */
    static String model(String item) {
        int comma = item.indexOf(',');
        if (comma > 0) {
            return item.substring(0, comma).trim();
        }
        int usage = item.indexOf(" Usage");
        return usage > 0 ? item.substring(0, usage).trim() : item;
    }

    private static boolean isInput(CostLine line) {
        String item = line.item().toLowerCase(Locale.ROOT);
        return item.contains("input") || item.contains("cache");
    }

    private static boolean isCachedInput(CostLine line) {
        String item = line.item().toLowerCase(Locale.ROOT);
        return item.contains("cached") || item.contains("cache read");
    }

    private static boolean isLargeModel(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        boolean small = m.contains("mini") || m.contains("nano") || m.contains("haiku") || m.contains("flash")
                || m.contains("lite");
        return !small && (m.startsWith("gpt") || m.startsWith("o1") || m.startsWith("o3") || m.contains("opus")
                || m.contains("sonnet") || m.contains("gemini") || m.contains("claude"));
    }

    private static BigDecimal sum(List<CostLine> lines, Predicate<CostLine> filter) {
        return lines.stream().filter(filter).map(CostLine::amountUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal share(BigDecimal part, BigDecimal whole) {
        return whole.signum() <= 0 ? BigDecimal.ZERO : part.divide(whole, MC);
    }

    private static String percent(BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP) + "%";
    }

    private static BigDecimal perDay(BigDecimal sum, int days) {
        return sum.divide(BigDecimal.valueOf(days), MC);
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
