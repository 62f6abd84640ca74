package dev.burnrate.budget;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A monthly USD budget for the UTC calendar month, over all vendors, one vendor, or one vendor's project or
 * workspace.
 *
 * @param id         {@code total}, a vendor id ({@code openai}) or {@code vendor/project} ({@code openai/proj_abc});
 *                   used in alert state keys and reports
 * @param name       what people read: {@code All vendors}, {@code OpenAI}, {@code chatbot}
 * @param vendor     the vendor this budget covers, or null for all vendors
 * @param project    the project or workspace id this budget covers, or null for the whole vendor
 * @param monthlyUsd the budget; must be above zero
 */
public record Budget(String id, String name, String vendor, String project, BigDecimal monthlyUsd) {

    public static final String TOTAL = "total";

    public Budget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (monthlyUsd == null || monthlyUsd.signum() <= 0) {
            throw new IllegalArgumentException("budget '" + id + "' must be a positive USD amount, got " + monthlyUsd);
        }
        if (project != null && vendor == null) {
            throw new IllegalArgumentException("budget '" + id + "' names a project but no vendor");
        }
    }

    /** A budget for all vendors together. */
    public static Budget total(BigDecimal monthlyUsd) {
        return new Budget(TOTAL, "All vendors", null, null, monthlyUsd);
    }

    /** True when spend of {@code vendor} on {@code project} counts against this budget. */
    public boolean covers(String vendor, String project) {
        return (this.vendor == null || this.vendor.equals(vendor))
                && (this.project == null || this.project.equals(project));
    }

    public boolean isTotal() {
        return vendor == null;
    }
}
