package dev.burnrate.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetSpecTest {

    private static final Map<String, String> VENDORS = Map.of("openai", "OpenAI", "anthropic", "Anthropic");

    @Test
    void readsTotalVendorAndProjectBudgetsWithNames() {
        List<Budget> budgets = BudgetSpec.parse("total=5000; openai=3000;\n openai/proj_abc=$500 chatbot ;",
                VENDORS);

        assertThat(budgets).containsExactly(
                new Budget("total", "All vendors", null, null, new java.math.BigDecimal("5000")),
                new Budget("openai", "OpenAI", "openai", null, new java.math.BigDecimal("3000")),
                new Budget("openai/proj_abc", "chatbot", "openai", "proj_abc", new java.math.BigDecimal("500")));
        assertThat(budgets.get(2).covers("openai", "proj_abc")).isTrue();
        assertThat(budgets.get(2).covers("openai", "proj_other")).isFalse();
        assertThat(budgets.get(1).covers("anthropic", null)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'' | No budget given; expected SCOPE=USD [name]",
            "total=5000; 3000 | Budget entry 2 (\"3000\"): expected SCOPE=USD [name]",
            "total=five | Budget entry 1 (\"total=five\"): 'five' is not a USD amount; write it like 3000 or 2500.50.",
            "total=5,000 | Budget entry 1 (\"total=5,000\"): '5,000' is not a USD amount",
            "total=0 | Budget entry 1 (\"total=0\"): the amount must be above zero.",
            "opnai=300 | Budget entry 1 (\"opnai=300\"): unknown vendor 'opnai'; known vendors: anthropic, openai, or 'total'",
            "openai=300; openai=400 | Budget entry 2 (\"openai=400\"): budget 'openai' is already set by entry 1.",
            "openai/=300 | Budget entry 1 (\"openai/=300\"): 'openai/' must be vendor/project-id",
    })
    void namesTheEntryThatIsWrong(String spec, String message) {
        assertThatThrownBy(() -> BudgetSpec.parse(spec, VENDORS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
