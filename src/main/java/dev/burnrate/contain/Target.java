package dev.burnrate.contain;

import java.util.Objects;

/**
 * What one action switches off: an OpenAI project, an Anthropic workspace, an OpenRouter key (by its hash) or an
 * IAM role that calls Bedrock.
 */
public record Target(String vendor, String id) {

    public Target {
        Objects.requireNonNull(vendor, "vendor");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a containment target needs the id of what it switches off");
        }
    }

    /** What people read: {@code OpenAI project proj_abc}. */
    public String label() {
        return switch (vendor) {
            case "openai" -> "OpenAI project " + id;
            case "anthropic" -> "Anthropic workspace " + id;
            case "openrouter" -> "OpenRouter key " + shortId();
            case "bedrock" -> "IAM role " + id + " (AWS Bedrock)";
            default -> vendor + " " + id;
        };
    }

    /** A key hash is long; people recognise its start. */
    private String shortId() {
        return id.length() > 12 ? id.substring(0, 12) + "…" : id;
    }

    /** What the action does, in one line: the narrowest switch that stops the spend. */
    public String action() {
        return switch (vendor) {
            case "openai" -> "set the project's hard spend limit to what it has spent this month, so OpenAI refuses "
                    + "its further requests";
            case "anthropic" -> "set the workspace's active API keys inactive, so they stop authenticating";
            case "openrouter" -> "disable the key, so it stops authenticating";
            case "bedrock" -> "attach an inline policy that denies bedrock:InvokeModel* and bedrock:Converse* to the "
                    + "role";
            default -> throw new IllegalStateException("burnrate cannot contain " + vendor);
        };
    }
}
