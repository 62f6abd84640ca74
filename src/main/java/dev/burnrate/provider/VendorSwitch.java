package dev.burnrate.provider;

import dev.burnrate.config.Secrets;
import dev.burnrate.contain.Action;
import dev.burnrate.contain.Target;

/**
 * A vendor's switch for containment: reads a target's state, sets the switch that stops its spend, and puts the
 * state back. Every call is idempotent (setting a switch twice leaves it set once), so a retry after a lost answer
 * is safe. Failures are {@link VendorException}s naming the vendor, the endpoint and, where a switch changes several
 * things (an Anthropic workspace's keys), what was and was not changed.
 */
public interface VendorSwitch {

    /** The state of a target as read before acting: for the switch ({@code json}) and for people. */
    record Prior(String json, String summary) {
    }

    /** The vendor id this switch serves ({@code openai}, ...). */
    String vendor();

    /** The secret's field with the credentials this switch writes with, or null for the function's own role. */
    String secretField();

    /** The target's state now, kept as the action's prior state. */
    Prior read(Target target, Secrets secrets);

    /** Sets the switch for {@code action}'s target; the vendor's answer, for people. */
    String contain(Action action, Prior prior, Secrets secrets);

    /** Puts the target back as {@code prior} describes it; the vendor's answer, for people. */
    String restore(Target target, Prior prior, Secrets secrets);

    /** The credentials for the write calls, or a refusal naming the secret field that is missing. */
    default String credentials(Secrets secrets) {
        return secrets.value(secretField()).orElseThrow(() -> new VendorException.Refused(vendor(), "containment",
                "no '" + secretField() + "' in the secret: containment writes with its own key, not the read-only one"));
    }
}
