package dev.burnrate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.junit.jupiter.api.Test;

import dev.burnrate.provider.CostLine;
import dev.burnrate.provider.DailyCost;

/**
 * The order in which a day too large for one item gives way, with a size function the test controls: 100 KB a
 * line and 10 KB a revision or a revision's project, against the 300 KB budget. Expected figures are worked by hand.
 */
class CostItemFitTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 19);
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final ToIntFunction<DailySnapshot> SIZE = s -> s.cost().lines().size() * 100 * 1024
            + s.revisions().stream().mapToInt(r -> 1 + r.byProject().size()).sum() * 10 * 1024;

    private static CostLine usd(String project, String item, String amount) {
        return new CostLine(project, item, new BigDecimal(amount), null, null);
    }

    private static DailySnapshot.Revision revision(int minute, String total, Map<String, BigDecimal> projects) {
        return new DailySnapshot.Revision(AT.plusSeconds(60L * minute), new BigDecimal(total), projects);
    }

    private static DailySnapshot day(List<CostLine> lines, List<DailySnapshot.Revision> revisions) {
        return new DailySnapshot(new DailyCost("openai", DAY, lines), AT, true, null, null, revisions);
    }

    @Test
    void aDayThatFitsIsStoredAsItIs() {
        DailySnapshot small = day(List.of(usd("a", "x", "5"), usd("b", "y", "2")), List.of());

        assertThat(CostItemFit.fit(small, SIZE)).isSameAs(small);
    }

    @Test
    void aDayOfMoreThanAHundredLinesKeepsTheLargestHundredAndSumsEachProjectsRest() {
        List<CostLine> lines = new java.util.ArrayList<>();
        for (int i = 1; i <= 120; i++) { // a: $1..$120 in cents' steps of 1; b: two small lines
            lines.add(usd("a", "item-" + i, Integer.toString(i)));
        }
        lines.add(usd("b", "x", "0.50"));
        lines.add(usd("b", "y", "0.25"));
        DailySnapshot fitted = CostItemFit.fit(day(lines, List.of()), s -> 1);

        // kept: a's items 21..120; a's rest: 1+...+20 = 210; b's rest: 0.75
        assertThat(fitted.cost().lines()).hasSize(102);
        assertThat(fitted.cost().lines().subList(0, 100)).extracting(CostLine::item).startsWith("item-120", "item-119")
                .endsWith("item-21");
        assertThat(fitted.cost().lines().subList(100, 102)).extracting(l -> l.project() + "/" + l.item() + "="
                + l.amountUsd()).containsExactly("a/(20 more items)=210", "b/(2 more items)=0.75");
        assertThat(fitted.cost().totalUsd()).isEqualByComparingTo("7260.75");
    }

    @Test
    void oldRevisionsGoFirstDownToTheNewestTwo() {
        // 2 lines (200 KB) + 6 revisions of one project (6 x 20 KB = 120 KB) = 320 KB: over
        List<DailySnapshot.Revision> six = List.of(revision(1, "1", Map.of("a", BigDecimal.ONE)),
                revision(2, "2", Map.of("a", new BigDecimal("2"))), revision(3, "3", Map.of("a", new BigDecimal("3"))),
                revision(4, "4", Map.of("a", new BigDecimal("4"))), revision(5, "5", Map.of("a", new BigDecimal("5"))),
                revision(6, "7", Map.of("a", new BigDecimal("7"))));
        DailySnapshot fitted = CostItemFit.fit(day(List.of(usd("a", "x", "5"), usd("a", "y", "2")), six), SIZE);

        // halved to the newest 3: 200 + 60 = 260 KB
        assertThat(fitted.revisions()).extracting(r -> r.totalUsd().toPlainString()).containsExactly("4", "5", "7");
        assertThat(fitted.cost().lines()).hasSize(2);
    }

    @Test
    void thenTheSmallestLinesAreSummedPerProjectKeepingEveryTotal() {
        // 5 lines = 500 KB; keep 2 (200) + a's rest (100) + b's rest (100) = 400: over; keep 1 + a + b rest = 300
        List<CostLine> lines = List.of(usd("a", "big", "50"), usd("a", "mid", "-20"), usd("a", "small", "3"),
                usd("b", "one", "4"), usd("b", "two", "1.50"));
        DailySnapshot fitted = CostItemFit.fit(day(lines, List.of()), SIZE);

        assertThat(fitted.cost().lines()).extracting(l -> l.project() + "/" + l.item() + "=" + l.amountUsd())
                .containsExactly("a/big=50", "a/(2 more items)=-17", "b/(2 more items)=5.50");
        assertThat(fitted.cost().totalUsd()).isEqualByComparingTo("38.50");
    }

    @Test
    void aDayWithMoreProjectsThanFitKeepsTheLargestAndSumsTheRestAsOtherProjects() {
        // 4 projects of one line each: 400 KB, and one line per project cannot be summed any further
        List<CostLine> lines = List.of(usd("p1", "x", "9"), usd("p2", "x", "1"), usd("p3", "x", "30"),
                usd("p4", "x", "2"));
        Map<String, BigDecimal> projects = Map.of("p1", new BigDecimal("9"), "p2", BigDecimal.ONE,
                "p3", new BigDecimal("30"), "p4", new BigDecimal("2"));
        DailySnapshot fitted = CostItemFit.fit(day(lines, List.of(revision(1, "42", projects))), SIZE);

        // keep 2 projects (p3, p1) + "(other projects)" = 3 lines (300 KB) + 1 revision of 3 projects (40 KB): over,
        // so keep 1 (p3) + others = 2 lines (200) + 30 KB
        assertThat(fitted.cost().lines()).extracting(l -> l.project() + "=" + l.amountUsd())
                .containsExactlyInAnyOrder("p3=30", "(other projects)=12");
        assertThat(fitted.revisions()).singleElement().satisfies(r -> {
            assertThat(r.totalUsd()).isEqualByComparingTo("42");
            assertThat(r.byProject()).containsOnlyKeys("p3", "(other projects)");
            assertThat(r.byProject().get("(other projects)")).isEqualByComparingTo("12");
        });
    }

    @Test
    void linesInAnotherCurrencyAreSummedInTheirOwnCurrency() {
        List<CostLine> lines = List.of(usd("a", "big", "50"), usd("a", "usd", "1"),
                new CostLine("a", "eur1", new BigDecimal("2.20"), null, null, "EUR", new BigDecimal("2"),
                        CostLine.Usd.VENDOR_RATE),
                new CostLine("a", "eur2", new BigDecimal("1.10"), null, null, "EUR", BigDecimal.ONE,
                        CostLine.Usd.VENDOR_RATE));
        DailySnapshot fitted = CostItemFit.fit(day(lines, List.of()), SIZE);

        // keep 2 (big, eur1) + a's USD rest + a's EUR rest = 4 lines: over; keep 1 + the EUR rest (its largest line,
        // $2.20, comes first) + the USD rest = 3
        assertThat(fitted.cost().lines()).extracting(l -> l.item() + " " + l.currency() + " " + l.amount() + " "
                + l.amountUsd()).containsExactly("big USD 50 50", "(2 more items) EUR 3 3.30", "(1 more items) USD 1 1");
    }
}
