package dev.burnrate.ledger;

import static dev.burnrate.ledger.Items.PK;
import static dev.burnrate.ledger.Items.SK;
import static dev.burnrate.ledger.Items.TTL;
import static dev.burnrate.ledger.Items.decimal;
import static dev.burnrate.ledger.Items.n;
import static dev.burnrate.ledger.Items.s;
import static dev.burnrate.ledger.Items.string;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.burnrate.config.BurnrateConfig;
import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;
import dev.burnrate.provider.UsageLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Daily snapshots (cost and usage), hourly points, per-vendor collection state and the run log in the single
 * table. Every write is an upsert by natural key, so running the same check twice leaves the same items.
 */
@ApplicationScoped
public class Ledger {

    static final Duration RUN_LOG_TTL = Duration.ofDays(90);
    /** Days an hourly point is kept after its day ends: a month and the detector's four weeks of baseline. */
    static final int HOURLY_TTL_DAYS = 35;
    private static final String HOURLY = "HOURLY#";
    private static final String USAGE_SUFFIX = "#usage";
    /** The sort key of a month's summary in its cost partition: after every {@code <vendor>#<day>}. */
    static final String SUMMARY = "~summary";
    static final String SUMMARY_LINE = "month summary";
    /** Usage lines in one item of the {@code USAGE#} partition: ~75 KB at ~150 bytes a line. */
    static final int USAGE_PART_LINES = 500;
    private static final int BATCH_SIZE = 25;
    private static final int MAX_BATCH_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String table;
    private final dev.burnrate.provider.UsdRates rates;

    Ledger(DynamoDbClient dynamo, BurnrateConfig config) {
        this.dynamo = dynamo;
        this.table = config.table();
        try {
            this.rates = dev.burnrate.provider.UsdRates.parse(config.currency().usdRates());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("burnrate.currency.usd-rates: " + e.getMessage(), e);
        }
    }

    /** The configured dollar rates of other currencies; every figure read from the ledger is converted with them. */
    public dev.burnrate.provider.UsdRates rates() {
        return rates;
    }

    /**
     * Stores (or overwrites) one snapshot per vendor and day, in batches; a held drop on a day is cleared by
     * writing it. A day too large for one item is stored as {@link CostItemFit} says, its totals exact.
     *
     * @throws PartialWrite when DynamoDB fails part way, saying how many were stored
     */
    public void putDays(List<DailySnapshot> snapshots) {
        List<WriteRequest> writes = new ArrayList<>();
        for (DailySnapshot snapshot : snapshots) {
            DailySnapshot fitted = CostItemFit.fit(snapshot, day -> ItemSize.of(costItem(day)));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(costItem(fitted)).build()).build());
        }
        writeAll(writes);
    }

    /** DynamoDB failed after {@code written} of {@code total} items were stored. */
    public static final class PartialWrite extends RuntimeException {
        private final int written;
        private final int total;

        PartialWrite(int written, int total, RuntimeException cause) {
            super("stored " + written + " of " + total + " item(s), then DynamoDB failed: " + cause.getMessage(),
                    cause);
            this.written = written;
            this.total = total;
        }

        public int written() {
            return written;
        }

        public int total() {
            return total;
        }
    }

    private void writeAll(List<WriteRequest> writes) {
        for (int i = 0; i < writes.size(); i += BATCH_SIZE) {
            try {
                writeBatch(writes.subList(i, Math.min(writes.size(), i + BATCH_SIZE)));
            } catch (software.amazon.awssdk.core.exception.SdkException | IllegalStateException e) {
                throw new PartialWrite(i, writes.size(), e);
            }
        }
    }

    /** What a day's usage totals item says of its stored lines: which generation of parts, and their digest. */
    public record StoredUsage(String generation, int parts, String linesDigest) {
    }

    /**
     * What is stored for a vendor's window {@code [from, toExclusive)}: each day's figure and the drop held against
     * it, and each day's usage totals.
     */
    public record StoredWindow(Map<LocalDate, DropGuard.Stored> days, Map<LocalDate, StoredUsage> usage) {
    }

    /**
     * What is stored for {@code vendor} on the days {@code [from, toExclusive)}, in one query a month: the cost
     * items and, sorted beside them, the usage totals items ({@link #putUsage} needs their generations).
     */
    public StoredWindow storedWindow(String vendor, LocalDate from, LocalDate toExclusive) {
        Map<LocalDate, DropGuard.Stored> days = new TreeMap<>();
        Map<LocalDate, StoredUsage> usage = new TreeMap<>();
        LocalDate last = toExclusive.minusDays(1);
        for (YearMonth month = YearMonth.from(from); !month.isAfter(YearMonth.from(last)); month = month.plusMonths(1)) {
            for (Map<String, AttributeValue> item : query("pk = :pk AND sk BETWEEN :from AND :to", Map.of(
                    ":pk", s(Items.costPartition(month)), ":from", s(vendor + "#" + from),
                    ":to", s(vendor + "#" + last + "~")))) {
                LocalDate day = LocalDate.parse(string(item, "day"));
                if (!string(item, SK).endsWith(USAGE_SUFFIX)) {
                    days.put(day, stored(fromItem(item, null)));
                } else if (string(item, "generation") != null && decimal(item, "parts") != null) {
                    usage.put(day, new StoredUsage(string(item, "generation"), decimal(item, "parts").intValue(),
                            string(item, "linesDigest")));
                }
            }
        }
        return new StoredWindow(days, usage);
    }

    /**
     * Records that the vendor reported {@code reportedUsd} for a stored day whose figure is kept: the item keeps its
     * lines and total; the lower figure waits beside them for a later read to confirm it.
     */
    public void holdDrop(String vendor, LocalDate day, BigDecimal reportedUsd, Instant at) {
        dynamo.updateItem(r -> r.tableName(table)
                .key(Map.of(PK, s(Items.costPartition(YearMonth.from(day))), SK, s(vendor + "#" + day)))
                .conditionExpression("attribute_exists(pk)")
                .updateExpression("SET heldUsd = :usd, heldSince = :at")
                .expressionAttributeValues(Map.of(":usd", n(reportedUsd), ":at", s(at.toString()))));
    }

    private static DropGuard.Stored stored(DailySnapshot day) {
        return new DropGuard.Stored(day.cost().totalUsd(), day.held(), day.revisions());
    }

    private static DailySnapshot.Held held(Map<String, AttributeValue> item) {
        BigDecimal usd = decimal(item, "heldUsd");
        String since = string(item, "heldSince");
        return usd == null || since == null ? null : new DailySnapshot.Held(usd, Instant.parse(since));
    }

    private void writeBatch(List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_BATCH_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB table '" + table + "' left "
                        + pending.get(table).size() + " writes unprocessed after " + MAX_BATCH_ATTEMPTS
                        + " attempts");
            }
            if (attempt > 1) {
                sleep(Duration.ofMillis(50L << attempt));
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    /**
     * Stores (or overwrites) a vendor's token and request counts per day. The day's totals go beside its cost
     * snapshot (same partition, sort key {@code <vendor>#<day>#usage}), so the month's query reads them without any
     * line; the lines go to the {@code USAGE#<month>} partition in parts of at most {@value #USAGE_PART_LINES}
     * ({@code <vendor>#<day>#<generation>#<part>}), so a day of any number of lines stays far from DynamoDB's 400 KB
     * item limit. A day read exactly as stored (its {@code linesDigest}) is not written again, so the trailing
     * days every check re-reads cost no writes while they do not change. {@code stored} is what
     * {@link #storedWindow} read of the days' totals before. A write is a new generation (the read's instant): its
     * parts first, then the totals that name them, then the parts of the generation before; a write that fails part way leaves the totals naming a
     * complete generation, and parts no totals name are deleted by the day's next write.
     */
    public void putUsage(String vendor, Map<LocalDate, List<UsageLine>> days, Instant fetchedAt,
            Map<LocalDate, StoredUsage> stored) {
        List<WriteRequest> parts = new ArrayList<>();
        List<WriteRequest> totals = new ArrayList<>();
        List<WriteRequest> superseded = new ArrayList<>();
        String generation = fetchedAt.toString();
        days.forEach((day, lines) -> {
            StoredUsage before = stored.get(day);
            String digest = digest(lines);
            if (before != null && digest.equals(before.linesDigest())) {
                return; // the same lines as stored: the trailing days' hourly re-reads write nothing
            }
            int count = (lines.size() + USAGE_PART_LINES - 1) / USAGE_PART_LINES;
            for (int part = 0; part < count; part++) {
                parts.add(put(usagePart(vendor, day, generation, part, lines.subList(part * USAGE_PART_LINES,
                        Math.min(lines.size(), (part + 1) * USAGE_PART_LINES)))));
            }
            Map<String, AttributeValue> totalsItem = usageTotalsItem(vendor, day, lines, fetchedAt, generation, count);
            totalsItem.put("linesDigest", s(digest));
            totals.add(put(totalsItem));
            String old = before == null ? null : before.generation();
            if (old != null) {
                for (int part = old.equals(generation) ? count : 0; part < before.parts(); part++) {
                    Map<String, AttributeValue> key = usagePartKey(vendor, day, old, part);
                    superseded.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
                }
            }
        });
        writeAll(parts);
        writeAll(totals);
        writeAll(superseded);
    }

    /** A SHA-256 of the lines as read, in order: equal when a re-read brought exactly what is stored. */
    private static String digest(List<UsageLine> lines) {
        return dev.burnrate.config.Sha256.hex(lines);
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static Map<String, AttributeValue> usageKey(String vendor, LocalDate day) {
        return Map.of(PK, s(Items.costPartition(YearMonth.from(day))), SK, s(vendor + "#" + day + USAGE_SUFFIX));
    }

    private static Map<String, AttributeValue> usagePartKey(String vendor, LocalDate day, String generation,
            int part) {
        return Map.of(PK, s(Items.usagePartition(YearMonth.from(day))),
                SK, s(vendor + "#" + day + "#" + generation + "#" + String.format("%04d", part)));
    }

    private static Map<String, AttributeValue> usagePart(String vendor, LocalDate day, String generation, int part,
            List<UsageLine> lines) {
        List<AttributeValue> stored = new ArrayList<>();
        for (UsageLine line : lines) {
            Map<String, AttributeValue> map = new HashMap<>();
            map.put("kind", s(line.kind()));
            map.put("project", s(line.project()));
            map.put("model", s(line.model()));
            map.put("inputTokens", n(line.inputTokens()));
            map.put("cachedInputTokens", n(line.cachedInputTokens()));
            map.put("cacheWriteTokens", n(line.cacheWriteTokens()));
            map.put("outputTokens", n(line.outputTokens()));
            if (line.requests() != null) {
                map.put("requests", n(line.requests()));
            }
            if (line.quantity() != null) {
                map.put("quantity", n(line.quantity()));
                map.put("unit", s(line.unit()));
            }
            if (line.notInCost()) {
                map.put("notInCost", AttributeValue.fromBool(true));
            }
            stored.add(AttributeValue.fromM(map));
        }
        Map<String, AttributeValue> item = new HashMap<>(usagePartKey(vendor, day, generation, part));
        item.put("usage", AttributeValue.fromL(stored));
        return item;
    }

    private static Map<String, AttributeValue> usageTotalsItem(String vendor, LocalDate day, List<UsageLine> lines,
            Instant fetchedAt, String generation, int parts) {
        UsageTotals totals = UsageTotals.of(lines);
        Map<String, AttributeValue> item = new HashMap<>(usageKey(vendor, day));
        item.put("vendor", s(vendor));
        item.put("day", s(day.toString()));
        item.put("inputTokens", n(totals.inputTokens()));
        item.put("cachedInputTokens", n(totals.cachedInputTokens()));
        item.put("outputTokens", n(totals.outputTokens()));
        if (totals.requests() != null) {
            item.put("requests", n(totals.requests()));
        }
        if (totals.notInCostTokens() > 0) {
            item.put("notInCostTokens", n(totals.notInCostTokens()));
        }
        item.put("fetchedAt", s(fetchedAt.toString()));
        item.put("generation", s(generation));
        item.put("parts", n(parts));
        item.put("lineCount", n(lines.size()));
        return item;
    }

    /** The usage lines stored for {@code vendor} on {@code day}; empty when none are. */
    public List<UsageLine> usageLines(String vendor, LocalDate day) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(usageKey(vendor, day))).item();
        List<UsageLine> lines = new ArrayList<>();
        if (item == null) {
            return lines;
        }
        AttributeValue inline = item.get("usage"); // written before the lines had their own partition
        if (inline != null && inline.hasL()) {
            inline.l().forEach(value -> lines.add(usageLine(value.m())));
            return lines;
        }
        String generation = string(item, "generation");
        BigDecimal parts = decimal(item, "parts");
        if (generation == null || parts == null || parts.signum() == 0) {
            return lines;
        }
        String prefix = vendor + "#" + day + "#" + generation + "#";
        for (Map<String, AttributeValue> part : dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(Items.usagePartition(YearMonth.from(day))),
                        ":from", s(prefix + "0000"), ":to", s(prefix + String.format("%04d", parts.intValue() - 1)))))
                .items()) {
            part.get("usage").l().forEach(value -> lines.add(usageLine(value.m())));
        }
        return lines;
    }

    private static UsageLine usageLine(Map<String, AttributeValue> m) {
        BigDecimal requests = decimal(m, "requests");
        AttributeValue notInCost = m.get("notInCost");
        return new UsageLine(string(m, "kind"), string(m, "project"), string(m, "model"),
                decimal(m, "inputTokens").longValueExact(), decimal(m, "cachedInputTokens").longValueExact(),
                decimal(m, "cacheWriteTokens").longValueExact(), decimal(m, "outputTokens").longValueExact(),
                requests == null ? null : requests.longValueExact(), decimal(m, "quantity"), string(m, "unit"),
                notInCost != null && Boolean.TRUE.equals(notInCost.bool()));
    }

    /** Stores (or overwrites) a vendor's hourly points of one UTC day; they expire {@value #HOURLY_TTL_DAYS} days on. */
    public void putHourly(String vendor, LocalDate day, List<HourlyPoint> points) {
        putHourly(vendor, Map.of(day, points));
    }

    /** Stores (or overwrites) a vendor's hourly points of each UTC day, one item a day, in batches. */
    public void putHourly(String vendor, Map<LocalDate, List<HourlyPoint>> days) {
        List<WriteRequest> writes = new ArrayList<>();
        days.forEach((day, points) -> writes.add(put(hourlyItem(vendor, day, points))));
        writeAll(writes);
    }

    private static Map<String, AttributeValue> hourlyItem(String vendor, LocalDate day, List<HourlyPoint> points) {
        Map<String, AttributeValue> hours = new HashMap<>();
        for (HourlyPoint point : points) {
            Map<String, AttributeValue> map = new HashMap<>();
            map.put("usd", n(point.estimatedUsd()));
            map.put("inputTokens", n(point.inputTokens()));
            map.put("outputTokens", n(point.outputTokens()));
            if (point.requests() != null) {
                map.put("requests", n(point.requests()));
            }
            hours.put(String.format("%02d", point.hour().atZone(ZoneOffset.UTC).getHour()), AttributeValue.fromM(map));
        }
        Map<String, AttributeValue> item = new HashMap<>(hourlyKey(vendor, day));
        item.put("hours", AttributeValue.fromM(hours));
        item.put(TTL, n(day.plusDays(1 + HOURLY_TTL_DAYS).atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
        return item;
    }

    /** A vendor's estimated spend per hour on the days {@code [from, toInclusive]}, keyed by the hour's start. */
    public NavigableMap<Instant, BigDecimal> hourly(String vendor, LocalDate from, LocalDate toInclusive) {
        NavigableMap<Instant, BigDecimal> hours = new TreeMap<>();
        for (Map<String, AttributeValue> item : query("pk = :pk AND sk BETWEEN :from AND :to", Map.of(
                ":pk", s(HOURLY + vendor), ":from", s(from.toString()), ":to", s(toInclusive.toString())))) {
            Instant dayStart = LocalDate.parse(string(item, SK)).atStartOfDay(ZoneOffset.UTC).toInstant();
            AttributeValue stored = item.get("hours");
            if (stored != null && stored.hasM()) {
                stored.m().forEach((hour, point) -> hours.put(
                        dayStart.plus(Duration.ofHours(Integer.parseInt(hour))), decimal(point.m(), "usd")));
            }
        }
        return hours;
    }

    private static Map<String, AttributeValue> hourlyKey(String vendor, LocalDate day) {
        return Map.of(PK, s(HOURLY + vendor), SK, s(day.toString()));
    }

    /**
     * Every vendor's snapshots of {@code month} as known at {@code asOf}: each day's last revision read by then, and
     * no day first read later ({@link DailySnapshot#asOf}).
     */
    public List<DailySnapshot> month(YearMonth month, Instant asOf) {
        return month(month).stream().map(day -> day.asOf(asOf)).flatMap(Optional::stream).toList();
    }

    /** Every vendor's snapshots of {@code month}, in key order (vendor, then day). */
    public List<DailySnapshot> month(YearMonth month) {
        List<Map<String, AttributeValue>> costs = new ArrayList<>();
        Map<String, UsageTotals> usage = new HashMap<>();
        for (Map<String, AttributeValue> item : query("pk = :pk", Map.of(":pk", s(Items.costPartition(month))))) {
            String sk = string(item, SK);
            if (sk.equals(SUMMARY)) {
                continue;
            }
            if (sk.endsWith(USAGE_SUFFIX)) {
                usage.put(sk.substring(0, sk.length() - USAGE_SUFFIX.length()), usageTotals(item));
            } else {
                costs.add(item);
            }
        }
        return costs.stream().map(item -> fromItem(item, usage.get(string(item, SK)))).toList();
    }

    /**
     * A past month as its summary item ({@code COST#<month>}, sort key {@value #SUMMARY}): each vendor's daily total,
     * with the totals of the projects budgets name and the rest as one {@value CostItemFit#OTHER_PROJECTS} line
     * ("month summary"), no usage, no revisions. Empty when none is stored, when it was dropped because a day of the
     * month was written since ({@link #forgetMonthSummary}), or when it does not hold every project of
     * {@code projects} ({@code vendor/project}: a budget was added since). An hourly check reads this one small item
     * instead of the month's days.
     */
    public Optional<List<DailySnapshot>> monthSummary(YearMonth month, java.util.Set<String> projects) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(summaryKey(month))).item();
        if (item == null || item.isEmpty() || item.get("vendors") == null || item.get("projectsKept") == null) {
            return Optional.empty();
        }
        java.util.Set<String> kept = new java.util.HashSet<>();
        item.get("projectsKept").l().forEach(project -> kept.add(project.s()));
        if (!kept.containsAll(projects)) {
            return Optional.empty();
        }
        List<DailySnapshot> days = new ArrayList<>();
        new TreeMap<>(item.get("vendors").m()).forEach((vendor, stored) -> {
            Instant fetchedAt = Instant.parse(string(stored.m(), "fetchedAt"));
            new TreeMap<>(stored.m().get("days").m()).forEach((day, figures) -> {
                List<CostLine> lines = new ArrayList<>();
                BigDecimal rest = decimal(figures.m(), "usd");
                for (Map.Entry<String, AttributeValue> project : new TreeMap<>(figures.m().get("projects").m())
                        .entrySet()) {
                    BigDecimal usd = new BigDecimal(project.getValue().n());
                    lines.add(new CostLine(project.getKey(), SUMMARY_LINE, usd, null, null));
                    rest = rest.subtract(usd);
                }
                if (rest.signum() != 0 || lines.isEmpty()) {
                    lines.add(new CostLine(CostItemFit.OTHER_PROJECTS, SUMMARY_LINE, rest, null, null));
                }
                days.add(new DailySnapshot(new DailyCost(vendor, month.atDay(Integer.parseInt(day)), lines), fetchedAt,
                        false));
            });
        });
        return Optional.of(days);
    }

    /**
     * Stores {@code days} (the month's snapshots, as {@link #month(YearMonth)} reads them) as the month's summary:
     * per vendor and day its total and the totals of the projects in {@code keep} ({@code vendor/project}, the ones
     * budgets name). Its size grows with vendors, days and budgets, never with lines or other projects.
     */
    public void putMonthSummary(YearMonth month, List<DailySnapshot> days, java.util.Set<String> keep) {
        Map<String, Map<String, Map<String, BigDecimal>>> projects = new TreeMap<>();
        Map<String, Map<String, BigDecimal>> totals = new TreeMap<>();
        Map<String, Instant> fetched = new TreeMap<>();
        for (DailySnapshot day : days) {
            String vendor = day.cost().vendor();
            String dayOfMonth = String.format("%02d", day.cost().day().getDayOfMonth());
            fetched.merge(vendor, day.fetchedAt(), (a, b) -> a.isAfter(b) ? a : b);
            totals.computeIfAbsent(vendor, v -> new TreeMap<>()).merge(dayOfMonth, day.cost().totalUsd(),
                    BigDecimal::add);
            Map<String, BigDecimal> named = projects.computeIfAbsent(vendor, v -> new TreeMap<>())
                    .computeIfAbsent(dayOfMonth, d -> new TreeMap<>());
            day.cost().lines().stream().filter(line -> keep.contains(vendor + "/" + line.project()))
                    .forEach(line -> named.merge(line.project(), line.amountUsd(), BigDecimal::add));
        }
        Map<String, AttributeValue> vendors = new HashMap<>();
        totals.forEach((vendor, byDay) -> {
            Map<String, AttributeValue> dayItems = new HashMap<>();
            byDay.forEach((day, usd) -> {
                Map<String, AttributeValue> projectItems = new HashMap<>();
                projects.get(vendor).get(day).forEach((project, amount) -> projectItems.put(project, n(amount)));
                dayItems.put(day, AttributeValue.fromM(Map.of("usd", n(usd), "projects",
                        AttributeValue.fromM(projectItems))));
            });
            vendors.put(vendor, AttributeValue.fromM(Map.of("fetchedAt", s(fetched.get(vendor).toString()),
                    "days", AttributeValue.fromM(dayItems))));
        });
        Map<String, AttributeValue> item = new HashMap<>(summaryKey(month));
        item.put("vendors", AttributeValue.fromM(vendors));
        item.put("projectsKept", AttributeValue.fromL(keep.stream().sorted().map(Items::s).toList()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    /** Drops the summary of {@code month}: one of its days was written, so the next check summarises it again. */
    public void forgetMonthSummary(YearMonth month) {
        dynamo.deleteItem(r -> r.tableName(table).key(summaryKey(month)));
    }

    private static Map<String, AttributeValue> summaryKey(YearMonth month) {
        return Map.of(PK, s(Items.costPartition(month)), SK, s(SUMMARY));
    }

    /** Every item the key condition matches, page after page. */
    private Iterable<Map<String, AttributeValue>> query(String keyCondition, Map<String, AttributeValue> values) {
        return dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression(keyCondition)
                .expressionAttributeValues(values)).items();
    }

    private static UsageTotals usageTotals(Map<String, AttributeValue> item) {
        BigDecimal requests = decimal(item, "requests");
        BigDecimal notInCost = decimal(item, "notInCostTokens");
        return new UsageTotals(decimal(item, "inputTokens").longValueExact(),
                decimal(item, "cachedInputTokens").longValueExact(), decimal(item, "outputTokens").longValueExact(),
                requests == null ? null : requests.longValueExact(), notInCost == null ? 0 : notInCost.longValueExact());
    }

    /**
     * What is known of collecting one vendor.
     *
     * @param lastSuccess      when it was last collected successfully, if ever
     * @param usageUnreadSince since when its usage could not be read, or null when the last read worked
     */
    public record VendorState(Optional<Instant> lastSuccess, Instant usageUnreadSince) {
    }

    /** What is known of collecting {@code vendor}, in one read. */
    public VendorState vendorState(String vendor) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(vendorKey(vendor))).item();
        String unread = item == null ? null : string(item, "usageUnreadSince");
        return new VendorState(Optional.ofNullable(item == null ? null : string(item, "lastSuccessAt"))
                .map(Instant::parse), unread == null ? null : Instant.parse(unread));
    }

    /** When {@code vendor} was last collected successfully, if ever. */
    public Optional<Instant> lastSuccess(String vendor) {
        return vendorState(vendor).lastSuccess();
    }

    /** Records a successful collection of {@code vendor} covering {@code [from, toExclusive)}. */
    public void recordSuccess(String vendor, Instant at, LocalDate from, LocalDate toExclusive) {
        dynamo.updateItem(r -> r.tableName(table).key(vendorKey(vendor))
                .updateExpression("SET lastSuccessAt = :at, lastFrom = :from, lastToExclusive = :to")
                .expressionAttributeValues(Map.of(":at", s(at.toString()), ":from", s(from.toString()),
                        ":to", s(toExclusive.toString()))));
    }

    /** Records that {@code vendor}'s usage, unread before, was read again. */
    public void recordUsageRead(String vendor) {
        dynamo.updateItem(r -> r.tableName(table).key(vendorKey(vendor)).updateExpression("REMOVE usageUnreadSince"));
    }

    /**
     * Records that {@code vendor}'s usage could not be read at {@code at}.
     *
     * @return since when it has been unread: the first failure since the last successful read
     */
    public Instant recordUsageUnread(String vendor, Instant at) {
        Map<String, AttributeValue> updated = dynamo.updateItem(r -> r.tableName(table).key(vendorKey(vendor))
                .updateExpression("SET usageUnreadSince = if_not_exists(usageUnreadSince, :at)")
                .expressionAttributeValues(Map.of(":at", s(at.toString())))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        return Instant.parse(string(updated, "usageUnreadSince"));
    }

    private static Map<String, AttributeValue> vendorKey(String vendor) {
        return Map.of(PK, s("VENDOR"), SK, s(vendor));
    }

    /** Appends one run to the run log (kept 90 days). */
    public void recordRun(Instant at, String requestId, String outcome, Map<String, String> vendorOutcomes) {
        Map<String, AttributeValue> vendors = new HashMap<>();
        vendorOutcomes.forEach((vendor, result) -> vendors.put(vendor, s(dev.burnrate.config.Redaction.scrub(result))));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("RUN#" + at.atZone(ZoneOffset.UTC).toLocalDate()));
        item.put(SK, s(at + "#" + requestId));
        item.put("outcome", s(outcome));
        item.put("vendors", AttributeValue.fromM(vendors));
        item.put(TTL, n(at.plus(RUN_LOG_TTL).getEpochSecond()));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    /** The latest check's status ({@code STATUS / latest}): its report and daily spend as JSON, replaced by each run. */
    public void recordStatus(Instant at, String json) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s("STATUS"));
        item.put(SK, s("latest"));
        item.put("runAt", s(at.toString()));
        item.put("status", s(json));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> costItem(DailySnapshot snapshot) {
        DailyCost cost = snapshot.cost();
        List<AttributeValue> lines = new ArrayList<>();
        for (CostLine line : cost.lines()) {
            Map<String, AttributeValue> map = new HashMap<>();
            map.put("project", s(line.project()));
            map.put("item", s(line.item()));
            map.put("amountUsd", n(line.amountUsd()));
            if (line.quantity() != null) {
                map.put("quantity", n(line.quantity()));
            }
            if (line.unit() != null) {
                map.put("unit", s(line.unit()));
            }
            if (!line.isUsd()) {
                map.put("currency", s(line.currency()));
                map.put("amount", n(line.amount()));
                map.put("usd", s(line.usd().wireName()));
            }
            lines.add(AttributeValue.fromM(map));
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(Items.costPartition(YearMonth.from(cost.day()))));
        item.put(SK, s(cost.vendor() + "#" + cost.day()));
        item.put("vendor", s(cost.vendor()));
        item.put("day", s(cost.day().toString()));
        item.put("totalUsd", n(cost.totalUsd()));
        item.put("lines", AttributeValue.fromL(lines));
        item.put("fetchedAt", s(snapshot.fetchedAt().toString()));
        item.put("provisional", AttributeValue.fromBool(snapshot.provisional()));
        List<AttributeValue> revisions = new ArrayList<>();
        for (DailySnapshot.Revision revision : snapshot.revisions()) {
            Map<String, AttributeValue> projects = new HashMap<>();
            revision.byProject().forEach((project, usd) -> projects.put(project, n(usd)));
            revisions.add(AttributeValue.fromM(Map.of("at", s(revision.at().toString()), "usd", n(revision.totalUsd()),
                    "projects", AttributeValue.fromM(projects))));
        }
        if (!revisions.isEmpty()) {
            item.put("revisions", AttributeValue.fromL(revisions));
        }
        return item;
    }

    /** A stored day, its other currencies converted at today's configured rates. */
    private DailySnapshot fromItem(Map<String, AttributeValue> item, UsageTotals usage) {
        List<CostLine> lines = new ArrayList<>();
        AttributeValue stored = item.get("lines");
        if (stored != null && stored.hasL()) {
            for (AttributeValue value : stored.l()) {
                Map<String, AttributeValue> line = value.m();
                String currency = string(line, "currency");
                BigDecimal amountUsd = decimal(line, "amountUsd");
                // written before conversions were kept: a line in another currency was then never counted
                CostLine.Usd usd = CostLine.Usd.fromWire(string(line, "usd"));
                lines.add(rates.apply(new CostLine(string(line, "project"), string(line, "item"),
                        usd == null && currency != null ? BigDecimal.ZERO : amountUsd, decimal(line, "quantity"),
                        string(line, "unit"), currency, decimal(line, "amount"), usd)));
            }
        }
        DailyCost cost = new DailyCost(string(item, "vendor"), LocalDate.parse(string(item, "day")), lines);
        AttributeValue provisional = item.get("provisional");
        List<DailySnapshot.Revision> revisions = new ArrayList<>();
        AttributeValue storedRevisions = item.get("revisions");
        if (storedRevisions != null && storedRevisions.hasL()) {
            for (AttributeValue value : storedRevisions.l()) {
                Map<String, BigDecimal> projects = new TreeMap<>();
                value.m().get("projects").m().forEach((project, usd) -> projects.put(project, new BigDecimal(usd.n())));
                revisions.add(new DailySnapshot.Revision(Instant.parse(string(value.m(), "at")),
                        decimal(value.m(), "usd"), projects));
            }
        }
        return new DailySnapshot(cost, Instant.parse(string(item, "fetchedAt")),
                provisional != null && Boolean.TRUE.equals(provisional.bool()), usage, held(item), revisions);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying DynamoDB writes", e);
        }
    }
}
