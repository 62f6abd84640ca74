package dev.burnrate.backtest;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.alert.AlertDecision;
import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.alert.AlertKind;
import dev.burnrate.forecast.Forecast;
import dev.burnrate.forecast.Forecaster;
import dev.burnrate.forecast.NaiveRunRate;
import dev.burnrate.forecast.SpendForecaster;

/**
 * {@code bin/burnrate backtest}: replays exported spend through burnrate's forecaster and alert logic and
 * prints JSON Lines, one object per check and a summary per file.
 *
 * <pre>
 * backtest --month YYYY-MM --budget USD [--vendor-budget VENDOR=USD ...] [--forecast-basis p50|p90]
 *          [--forecast-confirm-days N]
 *          [--actual-thresholds 50,80,100] [--forecaster burnrate|naive] FILE...
 * </pre>
 *
 * Exit status: 0 done, 1 a file could not be read, 2 the command line is wrong.
 */
public final class BacktestCommand {

    static final String USAGE = """
            usage: bin/burnrate backtest --month YYYY-MM --budget USD [--vendor-budget VENDOR=USD ...]
                                         [--forecast-basis p50|p90] [--forecast-confirm-days N]
                                         [--actual-thresholds 50,80,100] [--forecaster burnrate|naive] FILE...
              FILE is CSV with the header date,vendor,cost_usd (UTC days), hour,vendor,cost_usd (UTC hours) or
              slot,vendor,cost_usd (five-minute slots, replayed as their hours; bin/burnrate pulse-replay for the pulse);
              rows may start before the month (history). Prints one JSON object per check, then a summary per file.
            """;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private BacktestCommand() {
    }

    /** A command line that cannot be used: the message says what is wrong. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** {@code --help}: the usage goes to standard output and the command succeeds. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }

    record Options(YearMonth month, List<Budget> budgets, Thresholds thresholds, SpendForecaster forecaster,
            List<Path> files) {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (HelpRequested e) {
            out.print(USAGE);
            out.flush();
            return 0;
        } catch (UsageException e) {
            err.println("backtest: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        List<SpendHistory> histories = new ArrayList<>();
        try {
            for (Path file : options.files()) {
                histories.add(SpendCsv.read(file));
            }
        } catch (SpendCsv.BadCsvException e) {
            err.println("backtest: " + e.getMessage());
            return 1;
        }
        // a vendor budget must name a vendor that has spend in a file: a typo would otherwise replay silently
        java.util.Set<String> vendors = new java.util.TreeSet<>();
        histories.forEach(h -> vendors.addAll(h.vendors()));
        for (Budget budget : options.budgets()) {
            if (!budget.isTotal() && !vendors.contains(budget.vendor())) {
                err.println("backtest: --vendor-budget " + budget.vendor() + ": no row of " + options.files().stream()
                        .map(Path::toString).collect(java.util.stream.Collectors.joining(", "))
                        + " has that vendor; the vendors in the files are " + String.join(", ", vendors));
                err.print(USAGE);
                return 2;
            }
        }
        Backtest backtest = new Backtest(options.forecaster(), options.thresholds());
        for (SpendHistory history : histories) {
            Backtest.Result result;
            try {
                result = backtest.replay(history, options.month(), options.budgets());
            } catch (IllegalArgumentException e) {
                err.println("backtest: " + e.getMessage());
                return 1;
            }
            for (Backtest.Check check : result.checks()) {
                out.println(checkLine(history.file(), check));
            }
            out.println(summaryLine(history.file(), result.summary()));
        }
        out.flush();
        return 0;
    }

    static Options parse(String[] args) {
        YearMonth month = null;
        BigDecimal budget = null;
        List<Budget> vendorBudgets = new ArrayList<>();
        Thresholds.Basis basis = Thresholds.Basis.P50;
        List<Integer> actual = Thresholds.defaults().actualPercents();
        int confirmDays = Thresholds.DEFAULT_CONFIRM_DAYS;
        SpendForecaster forecaster = new Forecaster();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--month" -> {
                    String value = value(args, ++i, arg);
                    try {
                        month = YearMonth.parse(value);
                    } catch (DateTimeParseException e) {
                        throw new UsageException("--month '" + value + "' is not a month like 2026-11");
                    }
                }
                case "--budget" -> budget = usd(value(args, ++i, arg), "--budget");
                case "--vendor-budget" -> {
                    String value = value(args, ++i, arg);
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--vendor-budget '" + value + "' must be VENDOR=USD, e.g. openai=3000");
                    }
                    String vendor = value.substring(0, eq);
                    vendorBudgets.add(new Budget(vendor, vendor, vendor, null,
                            usd(value.substring(eq + 1), "--vendor-budget " + vendor)));
                }
                case "--forecast-basis" -> {
                    String value = value(args, ++i, arg);
                    try {
                        basis = Thresholds.Basis.valueOf(value.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--forecast-basis '" + value + "' must be p50 or p90");
                    }
                }
                case "--forecast-confirm-days" -> {
                    String value = value(args, ++i, arg);
                    try {
                        confirmDays = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        confirmDays = 0;
                    }
                    if (confirmDays < 1 || confirmDays > Thresholds.MAX_CONFIRM_DAYS) {
                        throw new UsageException("--forecast-confirm-days '" + value + "' must be a number of days "
                                + "from 1 (alert at once) to " + Thresholds.MAX_CONFIRM_DAYS);
                    }
                }
                case "--actual-thresholds" -> actual = percents(value(args, ++i, arg));
                case "--forecaster" -> {
                    String value = value(args, ++i, arg);
                    forecaster = switch (value) {
                        case "burnrate" -> new Forecaster();
                        case "naive" -> new NaiveRunRate();
                        default -> throw new UsageException("--forecaster '" + value + "' must be burnrate or naive");
                    };
                }
                case "-h", "--help" -> throw new HelpRequested();
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    files.add(Path.of(arg));
                }
            }
        }
        if (month == null) {
            throw new UsageException("--month YYYY-MM is required");
        }
        if (budget == null) {
            throw new UsageException("--budget USD is required");
        }
        if (files.isEmpty()) {
            throw new UsageException("no FILE given");
        }
        List<Budget> budgets = new ArrayList<>();
        budgets.add(Budget.total(budget));
        budgets.addAll(vendorBudgets);
        if (budgets.stream().map(Budget::id).distinct().count() != budgets.size()) {
            throw new UsageException("a vendor budget is given twice");
        }
        return new Options(month, budgets, new Thresholds(actual, List.of(100), basis, confirmDays), forecaster, files);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static BigDecimal usd(String value, String option) {
        try {
            BigDecimal usd = new BigDecimal(value.startsWith("$") ? value.substring(1) : value);
            if (usd.signum() <= 0) {
                throw new UsageException(option + " must be above zero, got " + value);
            }
            return usd;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " '" + value + "' is not a USD amount like 5000 or 2500.50");
        }
    }

    private static List<Integer> percents(String value) {
        try {
            return Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new UsageException("--actual-thresholds '" + value + "' must be percentages like 50,80,100");
        }
    }

    static String checkLine(String file, Backtest.Check check) {
        Forecast forecast = check.forecast();
        ObjectNode line = JSON.createObjectNode();
        line.put("file", file);
        line.put("as_of", check.asOf().toString());
        line.put("mtd_usd", check.monthToDateUsd());
        line.put("forecast_usd", forecast.p50Usd());
        line.put("forecast_p90_usd", forecast.p90Usd());
        line.put("crossing_date", forecast.crossingDate() == null ? null : forecast.crossingDate().toString());
        ArrayNode alerts = line.putArray("alerts");
        for (AlertDecision decision : check.sent()) {
            alerts.add(Backtest.label(decision));
        }
        check.recovered().forEach(key -> alerts.add(Backtest.recoveredLabel(key)));
        ArrayNode confirming = line.putArray("confirming");
        check.awaiting().forEach(decision -> confirming.add(Backtest.label(decision)));
        return line.toString();
    }

    static String summaryLine(String file, Backtest.Summary summary) {
        ObjectNode line = JSON.createObjectNode();
        line.put("file", file);
        ObjectNode s = line.putObject("summary");
        s.put("month", summary.month().toString());
        s.put("granularity", summary.hourly() ? "hourly" : "daily");
        s.put("checks", summary.checks());
        s.put("budget_usd", summary.budgetUsd());
        s.put("final_mtd_usd", summary.finalMonthToDateUsd());
        s.put("over_budget", summary.overBudget());
        s.put("crossed_at", summary.crossedAt() == null ? null : summary.crossedAt().toString());
        s.put("first_warning_at", summary.firstWarningAt() == null ? null : summary.firstWarningAt().toString());
        s.put("warned_before_crossing", summary.warnedBeforeCrossing());
        s.put("lead_days", summary.leadDays());
        ObjectNode counts = s.putObject("alerts");
        summary.alertCounts().forEach(counts::put);
        ArrayNode runaways = s.putArray("runaway_alerts");
        ArrayNode notices = s.putArray("runaway_notices");
        for (Backtest.RunawayNotice notice : summary.runawayNotices()) {
            AlertDecision decision = notice.decision();
            ObjectNode entry = JSON.createObjectNode().put("vendor", decision.vendor())
                    .put("started_at", decision.episode().since().toString())
                    .put("alerted_at", notice.at().toString());
            if (decision.kind() == AlertKind.RUNAWAY) {
                runaways.add(entry.deepCopy().put("hour_usd", decision.valueUsd())
                        .put("baseline_usd", decision.thresholdUsd()));
            }
            notices.add(entry.put("kind", decision.wireName()).put("level", decision.level()));
        }
        return line.toString();
    }
}
