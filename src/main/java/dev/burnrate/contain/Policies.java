package dev.burnrate.contain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The containment policies, from one line: {@code openai/proj_abc=auto; openai=suggest; bedrock/app-role=suggest}.
 * SCOPE is a vendor that burnrate can contain ({@code openai}, {@code anthropic}, {@code openrouter}) or
 * vendor/id: an OpenAI project, an Anthropic workspace, an OpenRouter key hash, or (always named) an IAM role that
 * calls Bedrock. MODE is {@code off}, {@code suggest} or {@code auto}. A scope not named is off. Every mistake is
 * refused with the entry, the value and what was expected.
 */
public final class Policies {

    /** The vendors burnrate can contain, in the order it names them. */
    public static final List<String> VENDORS = List.of("openai", "anthropic", "openrouter", "bedrock");
    /** What IAM allows in a role name. */
    private static final Pattern ROLE = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Map<String, String> CANNOT = Map.of(
            "azure", "Azure OpenAI has no dollar cap or key switch in its APIs that burnrate could set (lower the "
                    + "deployment's tokens-per-minute quota or regenerate its keys in the Azure portal)",
            "google", "Google has no per-key or per-project cap in its APIs that burnrate could set without disabling "
                    + "the whole Generative Language or Vertex AI API on the project (do that, or cap the key's quota, "
                    + "in the Google Cloud console)");

    private final Map<String, Mode> byScope;

    private Policies(Map<String, Mode> byScope) {
        this.byScope = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byScope));   // in the order given
    }

    public static Policies none() {
        return new Policies(Map.of());
    }

    /**
     * Reads a policy line.
     *
     * @throws IllegalArgumentException naming the entry, what is wrong and what was expected
     */
    public static Policies parse(String spec) {
        Map<String, Mode> byScope = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return new Policies(byScope);
        }
        String[] entries = spec.split(";");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                continue;
            }
            String where = "entry " + (i + 1) + " (\"" + entry + "\")";
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + " must be SCOPE=MODE, e.g. openai=suggest");
            }
            String scope = entry.substring(0, eq).trim();
            String modeText = entry.substring(eq + 1).trim();
            Mode mode = Mode.parse(modeText).orElseThrow(() -> new IllegalArgumentException(where + ": mode '"
                    + modeText + "' must be off, suggest or auto"));
            int slash = scope.indexOf('/');
            String vendor = slash < 0 ? scope : scope.substring(0, slash);
            String id = slash < 0 ? null : scope.substring(slash + 1);
            if (CANNOT.containsKey(vendor)) {
                throw new IllegalArgumentException(where + ": burnrate cannot contain " + vendor + ": "
                        + CANNOT.get(vendor));
            }
            if (!VENDORS.contains(vendor)) {
                throw new IllegalArgumentException(where + ": unknown vendor '" + vendor + "'; burnrate can contain "
                        + String.join(", ", VENDORS));
            }
            if (id != null && id.isBlank()) {
                throw new IllegalArgumentException(where + ": '" + scope + "' names no id after the '/'");
            }
            if (vendor.equals("bedrock") && (id == null || !ROLE.matcher(id).matches())) {
                throw new IllegalArgumentException(where + ": Bedrock is contained by denying it to an IAM role, so "
                        + "name the role: bedrock/ROLE_NAME (letters, digits and +=,.@_-, at most 64)");
            }
            if (byScope.put(scope, mode) != null) {
                throw new IllegalArgumentException(where + ": scope '" + scope + "' is named twice");
            }
        }
        return new Policies(byScope);
    }

    /** The mode for {@code target}: its own entry, else its vendor's, else off. */
    public Mode modeFor(Target target) {
        return Optional.ofNullable(byScope.get(target.vendor() + "/" + target.id()))
                .or(() -> Optional.ofNullable(byScope.get(target.vendor()))).orElse(Mode.OFF);
    }

    /** True when some scope of {@code vendor} is not off. */
    public boolean covers(String vendor) {
        return byScope.entrySet().stream().anyMatch(e -> e.getValue() != Mode.OFF
                && (e.getKey().equals(vendor) || e.getKey().startsWith(vendor + "/")));
    }

    /** True when any scope is not off. */
    public boolean any() {
        return byScope.values().stream().anyMatch(m -> m != Mode.OFF);
    }

    /** The IAM roles named for Bedrock whose mode is not off, in the order given. */
    public List<String> bedrockRoles() {
        List<String> roles = new ArrayList<>();
        byScope.forEach((scope, mode) -> {
            if (scope.startsWith("bedrock/") && mode != Mode.OFF) {
                roles.add(scope.substring("bedrock/".length()));
            }
        });
        return roles;
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder();
        byScope.forEach((scope, mode) -> line.append(line.isEmpty() ? "" : "; ").append(scope).append('=')
                .append(mode.wireName()));
        return line.toString();
    }
}
