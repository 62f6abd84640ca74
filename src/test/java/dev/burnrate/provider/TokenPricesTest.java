package dev.burnrate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class TokenPricesTest {

    private static final String HEADER = "vendor,model_prefix,input,cached_input,cache_write,output\n";

    private static TokenPrices parse(String csv) throws Exception {
        return TokenPrices.parse(new StringReader(csv), "prices.csv");
    }

    private static UsageLine tokens(String model, long input, long cached, long cacheWrite, long output) {
        return new UsageLine("completions", null, model, input, cached, cacheWrite, output, 1L, null, null);
    }

    @Test
    void theLongestPrefixPricesAModelAndUnlistedModelsGetTheVendorsFallback() {
        TokenPrices prices = TokenPrices.shipped();
        // gpt-5-mini, not gpt-5: 1M uncached at $0.25 + 1M output at $2.00
        assertThat(prices.estimateUsd("openai", tokens("gpt-5-mini-2025-08-07", 1_000_000, 0, 0, 1_000_000)))
                .isEqualByComparingTo("2.25");
        assertThat(prices.estimateUsd("openai", tokens("gpt-5-2025-08-07", 1_000_000, 0, 0, 1_000_000)))
                .isEqualByComparingTo("11.25");
        // claude-opus-4-5 is a third of claude-opus-4
        assertThat(prices.estimateUsd("anthropic", tokens("claude-opus-4-5-20251101", 1_000_000, 0, 0, 0)))
                .isEqualByComparingTo("5");
        assertThat(prices.estimateUsd("anthropic", tokens("claude-opus-4-1-20250805", 1_000_000, 0, 0, 0)))
                .isEqualByComparingTo("15");
        assertThat(prices.estimateUsd("anthropic", tokens("claude-next-gen", 1_000_000, 0, 0, 0)))
                .as("fallback").isEqualByComparingTo("3");
        assertThat(prices.estimateUsd("openrouter", tokens("x", 1_000_000, 0, 0, 0))).isEqualByComparingTo("0");
    }

    @Test
    void cacheReadsAndWritesArePricedApartFromFreshInput() {
        // 1M input of which 500k cache reads ($0.30/M) and 100k cache writes ($3.75/M); 400k fresh at $3
        assertThat(TokenPrices.shipped().estimateUsd("anthropic",
                tokens("claude-sonnet-4-5-20250929", 1_000_000, 500_000, 100_000, 0)))
                .isEqualByComparingTo(new BigDecimal("1.20").add(new BigDecimal("0.15")).add(new BigDecimal("0.375")));
    }

    @Test
    void aBadTableNamesTheLineAndColumn() {
        assertThatThrownBy(() -> parse(HEADER + "openai,*,1,1,1,1\nopenai,gpt-x,1,cheap,1,1\n"))
                .hasMessage("prices.csv line 3: column 'cached_input' is not a number: 'cheap'");
        assertThatThrownBy(() -> parse(HEADER + "openai,*,1,1,1,-1\n"))
                .hasMessage("prices.csv line 2: column 'output' is negative (-1)");
        assertThatThrownBy(() -> parse(HEADER + "openai,gpt-x,1,1,1,1\n"))
                .hasMessage("prices.csv: openai has no '*' row for unlisted models");
        assertThatThrownBy(() -> parse("vendor,model_prefix,input,output\nopenai,*,1,1\n"))
                .hasMessage("prices.csv: the header has no 'cached_input' column");
        assertThatThrownBy(() -> parse(HEADER + "openai,*,1,1,1,1\nopenai,*,2,2,2,2\n"))
                .hasMessage("prices.csv line 3: openai * is listed twice");
    }

    @Test
    void commentsBlankLinesSpacesAndQuotesAreReadAsTheShippedTableWritesThem() throws Exception {
        TokenPrices prices = parse("# USD per million tokens\n" + HEADER + "\n openai , * , 1 ,1,1, 2\n"
                + "# a comment between rows\n\"openai\",\"gpt-x\",\"4\",1,1,8\n");

        assertThat(prices.estimateUsd("openai", tokens("gpt-x-1", 1_000_000, 0, 0, 1_000_000)))
                .isEqualByComparingTo("12");
        assertThat(prices.estimateUsd("openai", tokens("o9", 1_000_000, 0, 0, 1_000_000)))
                .isEqualByComparingTo("3");
        assertThatThrownBy(() -> parse("# note\n" + HEADER + "openai,*,1,1,1,1\n\nopenai,gpt-y,1,oops,1,1\n"))
                .hasMessage("prices.csv line 5: column 'cached_input' is not a number: 'oops'");
    }
}
