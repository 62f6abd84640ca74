package dev.burnrate.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * List prices per million tokens, by vendor and model prefix (the longest prefix wins, {@code *} is the vendor's
 * fallback). They turn hourly token counts into an estimated hourly spend for the runaway detector; budgets use
 * the vendors' billed cost, never this.
 */
public final class TokenPrices {

    /** The kind of a usage line that counts dollars the vendor charged, not tokens (OpenRouter's). */
    public static final String DOLLARS = "usd";

    /** The table shipped in the function: {@code token-prices.csv}. */
    public static final String RESOURCE = "token-prices.csv";
    private static final BigDecimal MILLION = new BigDecimal(1_000_000);
    private static final String[] COLUMNS = { "vendor", "model_prefix", "input", "cached_input", "cache_write",
            "output" };

    /** USD per million tokens. */
    public record Price(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal output) {
    }

    private final Map<String, Map<String, Price>> byVendor;

    private TokenPrices(Map<String, Map<String, Price>> byVendor) {
        this.byVendor = byVendor;
    }

    /** The shipped table. */
    public static TokenPrices shipped() {
        try (InputStream in = TokenPrices.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the function package");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    /**
     * Reads a price table: a header row naming the columns above, then one row per vendor and model prefix;
     * lines starting with {@code #} are comments.
     *
     * @throws IllegalArgumentException naming the source, line and column of the first bad value
     */
    public static TokenPrices parse(Reader reader, String source) throws IOException {
        Map<String, Map<String, Price>> prices = new HashMap<>();
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withComments()).with(CsvParser.Feature.TRIM_SPACES)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(reader)) {
            boolean any = rows.hasNextValue(); // reads the header row first
            CsvSchema header = (CsvSchema) rows.getParser().getSchema();
            for (String column : COLUMNS) {
                if (header.column(column) == null) {
                    throw new IllegalArgumentException(source + ": the header has no '" + column + "' column");
                }
            }
            while (any && rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                String where = source + " line " + rows.getParser().currentTokenLocation().getLineNr();
                String vendor = text(row, "vendor", where).toLowerCase(Locale.ROOT);
                String prefix = text(row, "model_prefix", where);
                Price price = new Price(number(row, "input", where), number(row, "cached_input", where),
                        number(row, "cache_write", where), number(row, "output", where));
                if (prices.computeIfAbsent(vendor, v -> new HashMap<>()).put(prefix, price) != null) {
                    throw new IllegalArgumentException(where + ": " + vendor + " " + prefix + " is listed twice");
                }
            }
        }
        prices.forEach((vendor, models) -> {
            if (!models.containsKey("*")) {
                throw new IllegalArgumentException(source + ": " + vendor + " has no '*' row for unlisted models");
            }
        });
        return new TokenPrices(prices);
    }

    /**
     * Vendors without rows of their own priced as another: Azure OpenAI's global deployments list OpenAI's prices
     * for the same models.
     */
    private static final Map<String, String> PRICED_AS = Map.of("azure", "openai");

    /** An inference profile's geography before a Bedrock model id: the model is priced as the model. */
    private static final java.util.regex.Pattern GEO_PREFIX = java.util.regex.Pattern.compile(
            "^(us|eu|apac|global|us-gov|jp|au|ca)\\.(?=[a-z]+\\.)");

    /**
     * The price for {@code model} at {@code vendor}: its longest listed prefix, else the vendor's {@code *} row. A
     * Bedrock inference profile ({@code us.anthropic.claude-…}) is priced as its model.
     */
    public Optional<Price> price(String vendor, String model) {
        Map<String, Price> models = byVendor.getOrDefault(vendor, byVendor.get(PRICED_AS.get(vendor)));
        if (models == null) {
            return Optional.empty();
        }
        model = GEO_PREFIX.matcher(model).replaceFirst("");
        String best = "*";
        for (String prefix : models.keySet()) {
            if (!prefix.equals("*") && model.startsWith(prefix) && (best.equals("*") || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return Optional.of(models.get(best));
    }

    /**
     * What {@code line}'s tokens cost at list price; zero for lines that count no tokens or vendors not listed. A
     * line of kind {@value #DOLLARS} already is dollars: its {@code quantity}.
     */
    public BigDecimal estimateUsd(String vendor, UsageLine line) {
        if (DOLLARS.equals(line.kind())) {
            return line.quantity() == null ? BigDecimal.ZERO : line.quantity();
        }
        return price(vendor, line.model()).map(p -> p.input().multiply(BigDecimal.valueOf(line.uncachedInputTokens()))
                .add(p.cachedInput().multiply(BigDecimal.valueOf(line.cachedInputTokens())))
                .add(p.cacheWrite().multiply(BigDecimal.valueOf(line.cacheWriteTokens())))
                .add(p.output().multiply(BigDecimal.valueOf(line.outputTokens())))
                .divide(MILLION)).orElse(BigDecimal.ZERO);
    }

    private static String text(Map<String, String> row, String column, String where) {
        String value = row.getOrDefault(column, "");
        if (value.isBlank()) {
            throw new IllegalArgumentException(where + ": column '" + column + "' is empty");
        }
        return value;
    }

    private static BigDecimal number(Map<String, String> row, String column, String where) {
        String value = text(row, column, where);
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.signum() < 0) {
                throw new IllegalArgumentException(where + ": column '" + column + "' is negative (" + value + ")");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": column '" + column + "' is not a number: '" + value + "'");
        }
    }
}
