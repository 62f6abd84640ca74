package dev.burnrate.budget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads budgets from one line of text, so a single SAM parameter can hold them all:
 *
 * <pre>total=5000; openai=3000; openai/proj_abc=500 chatbot</pre>
 *
 * Entries are separated by {@code ;} or new lines. Each is {@code SCOPE=USD [name]}: SCOPE is {@code total},
 * a vendor id, or {@code vendor/project-or-workspace-id}; USD is a positive amount ({@code 500},
 * {@code 2500.50}, {@code $500}); the optional name is what alerts call the budget. Every mistake is reported
 * with the entry's number and text.
 */
public final class BudgetSpec {

    private static final Pattern ENTRY = Pattern.compile("^([^=\\s]+)\\s*=\\s*(\\S+)(?:\\s+(.+))?$");
    private static final Pattern AMOUNT = Pattern.compile("^\\$?([0-9]+(?:\\.[0-9]+)?)$");
    private static final String FORMAT = "expected SCOPE=USD [name], e.g. total=5000 or openai/proj_abc=500 chatbot";

    private BudgetSpec() {
    }

    /**
     * @param spec        the text
     * @param vendorNames known vendor ids and their display names
     * @throws IllegalArgumentException naming the entry that is wrong and why
     */
    public static List<Budget> parse(String spec, Map<String, String> vendorNames) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("No budget given; " + FORMAT + ".");
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Budget> budgets = new ArrayList<>();
        String[] entries = spec.split("[;\\n]");
        int number = 0;
        for (String raw : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            number++;
            Budget budget = entry(number, entry, vendorNames);
            Integer earlier = seen.putIfAbsent(budget.id(), number);
            if (earlier != null) {
                throw error(number, entry, "budget '" + budget.id() + "' is already set by entry " + earlier);
            }
            budgets.add(budget);
        }
        if (budgets.isEmpty()) {
            throw new IllegalArgumentException("No budget given; " + FORMAT + ".");
        }
        return List.copyOf(budgets);
    }

    private static Budget entry(int number, String entry, Map<String, String> vendorNames) {
        Matcher m = ENTRY.matcher(entry);
        if (!m.matches()) {
            throw error(number, entry, FORMAT);
        }
        String scope = m.group(1);
        Matcher amount = AMOUNT.matcher(m.group(2));
        if (!amount.matches()) {
            throw error(number, entry, "'" + m.group(2) + "' is not a USD amount; write it like 3000 or 2500.50");
        }
        BigDecimal usd = new BigDecimal(amount.group(1));
        if (usd.signum() <= 0) {
            throw error(number, entry, "the amount must be above zero");
        }
        String name = m.group(3) == null ? null : m.group(3).trim();
        if (scope.equals(Budget.TOTAL)) {
            return new Budget(Budget.TOTAL, name != null ? name : "All vendors", null, null, usd);
        }
        int slash = scope.indexOf('/');
        String vendor = slash < 0 ? scope : scope.substring(0, slash);
        if (!vendorNames.containsKey(vendor)) {
            throw error(number, entry, "unknown vendor '" + vendor + "'; known vendors: "
                    + String.join(", ", vendorNames.keySet().stream().sorted().toList())
                    + ", or 'total' for all vendors together");
        }
        if (slash < 0) {
            return new Budget(vendor, name != null ? name : vendorNames.get(vendor), vendor, null, usd);
        }
        String project = scope.substring(slash + 1);
        if (project.isEmpty() || project.contains("/")) {
            throw error(number, entry, "'" + scope + "' must be vendor/project-id with one project id");
        }
        return new Budget(scope, name != null ? name : project, vendor, project, usd);
    }

    private static IllegalArgumentException error(int number, String entry, String problem) {
        return new IllegalArgumentException("Budget entry " + number + " (\"" + entry + "\"): " + problem + ".");
    }
}
