package dev.burnrate.backtest;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.burnrate.alert.AlertDecision;
import dev.burnrate.alert.AlertEngine;
import dev.burnrate.alert.AlertState;
import dev.burnrate.alert.RunawayEpisode;
import dev.burnrate.budget.Budget;
import dev.burnrate.budget.Thresholds;
import dev.burnrate.forecast.Forecaster;
import dev.burnrate.forecast.PulseDetector;
import dev.burnrate.forecast.SpendForecaster;

/**
 * {@code bin/burnrate pulse-replay [--from INSTANT] FILE...}: replays five-minute spend ({@code slot,vendor,cost_usd})
 * through the pulse's decision path, a pulse at the end of every slot: the {@link PulseDetector} on the slots of the
 * last two hours against the complete hours before, then {@link AlertEngine#planPulse} and {@code apply} on alert
 * state in memory, exactly as the function does after its read. Prints one JSON object per file with every
 * runaway message it would send. Pulses start {@code --from} (default: 28 days after the first slot, the baseline's
 * four weeks). Exit status: 0 done, 1 a file could not be read, 2 the command line is wrong.
 */
public final class PulseReplay {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    static final String USAGE = """
            usage: bin/burnrate pulse-replay [--from 2026-11-01T00:00:00Z] [--hourly-only] FILE...
              FILE is CSV with the header slot,vendor,cost_usd (UTC five-minute slot starts); pulses run at the end of
              every slot from --from (default: four weeks after the first slot). --hourly-only judges at whole hours
              with the hourly detector alone (burnrate without the pulse). Prints one JSON object per file.
            """;

    private PulseReplay() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
        Instant from = null;
        boolean hourlyOnly = false;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                out.print(USAGE);
                return 0;
            } else if (args[i].equals("--hourly-only")) {
                hourlyOnly = true;
            } else if (args[i].equals("--from")) {
                if (i + 1 >= args.length) {
                    err.print("--from needs an instant\n" + USAGE);
                    return 2;
                }
                try {
                    from = Instant.parse(args[++i]);
                } catch (java.time.format.DateTimeParseException e) {
                    err.print("--from '" + args[i] + "' is not an ISO-8601 instant like 2026-11-01T00:00:00Z\n"
                            + USAGE);
                    return 2;
                }
            } else if (args[i].startsWith("--")) {
                err.print("unknown option " + args[i] + "\n" + USAGE);
                return 2;
            } else {
                files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            err.print("no FILE given\n" + USAGE);
            return 2;
        }
        for (Path file : files) {
            SpendHistory history;
            try {
                history = SpendCsv.read(file);
            } catch (SpendCsv.BadCsvException e) {
                err.println(e.getMessage());
                return 1;
            }
            if (history.slots().isEmpty()) {
                err.println(file + ": the header must be slot,vendor,cost_usd for a pulse replay");
                return 1;
            }
            out.println(summary(file.toString(), replay(history, from, hourlyOnly)));
        }
        return 0;
    }

    /** A message the pulse would send, and when. */
    record Notice(Instant at, AlertDecision decision) {
    }

    static List<Notice> replay(SpendHistory history, Instant from, boolean hourlyOnly) {
        Instant first = history.slots().values().stream().map(NavigableMap::firstKey).min(Instant::compareTo)
                .orElseThrow();
        Instant last = history.slots().values().stream().map(NavigableMap::lastKey).max(Instant::compareTo)
                .orElseThrow();
        Instant start = from != null ? PulseDetector.slotStart(from) : first.plus(Duration.ofDays(28));
        // the pulse decides no budget alert: one budget of its own, never reached
        Budget total = new Budget("total", "All vendors", null, null, new BigDecimal("1000000"));
        AlertEngine engine = new AlertEngine(List.of(total), new Forecaster(),
                new Thresholds(List.of(100), List.of(100), Thresholds.Basis.P50), AlertEngine.Settings.defaults());
        AlertState state = AlertState.inMemory();
        PulseDetector detector = new PulseDetector();
        List<Notice> notices = new ArrayList<>();
        for (Instant through = start.plus(PulseDetector.SLOT); !through.isAfter(last.plus(PulseDetector.SLOT));
                through = through.plus(PulseDetector.SLOT)) {
            // the pulse runs just after the slot ends: at hh:00 the hour before is complete, as in the function
            Instant hour = through.truncatedTo(ChronoUnit.HOURS);
            if (hourlyOnly && !hour.equals(through)) {
                continue;
            }
            List<AlertEngine.PulseView> views = new ArrayList<>();
            for (String vendor : history.slots().keySet()) {
                NavigableMap<Instant, BigDecimal> hourly = history.hourly().get(vendor).headMap(hour, false);
                NavigableMap<Instant, BigDecimal> slots = history.slots().get(vendor)
                        .subMap(hour.minus(Duration.ofHours(1)), true, through, false);
                Optional<PulseDetector.Finding> finding = hourlyOnly ? Optional.empty()
                        : detector.evaluate(hourly, slots, through);
                views.add(new AlertEngine.PulseView(vendor, null, hourly,
                        finding.map(f -> RunawayEpisode.Opening.of(f, List.of())).orElse(null)));
            }
            YearMonth month = SpendForecaster.monthOf(through);
            Instant at = through;
            AlertEngine.Plan plan = engine.planPulse(new AlertEngine.PulseSituation(at, month, Duration.ofMinutes(30),
                    views), state.read(AlertEngine.monthsRead(month), history.slots().keySet()));
            engine.apply(plan, state).sent().forEach(d -> notices.add(new Notice(at, d)));
        }
        return notices;
    }

    private static String summary(String file, List<Notice> notices) {
        ObjectNode line = JSON.createObjectNode();
        line.put("file", file);
        ArrayNode alerts = line.putArray("runaway_alerts");
        ArrayNode all = line.putArray("runaway_notices");
        for (Notice notice : notices) {
            AlertDecision d = notice.decision();
            ObjectNode entry = JSON.createObjectNode().put("vendor", d.vendor())
                    .put("started_at", d.episode().since().toString()).put("alerted_at", notice.at().toString());
            RunawayEpisode.Opening opening = d.runaway() == null ? null : d.runaway().opening();
            if (d.kind() == dev.burnrate.alert.AlertKind.RUNAWAY) {
                ObjectNode alert = entry.deepCopy().put("rate_usd", d.valueUsd()).put("usual_usd", d.thresholdUsd());
                if (opening != null) {
                    alert.put("since", opening.since().toString()).put("window_minutes", opening.windowMinutes());
                }
                alerts.add(alert);
            }
            all.add(entry.put("kind", d.wireName()).put("level", d.level()));
        }
        try {
            return JSON.writeValueAsString(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
