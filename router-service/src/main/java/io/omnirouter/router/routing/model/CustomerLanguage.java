package io.omnirouter.router.routing.model;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;

/**
 * The customer's language as a BCP 47 tag ({@code CustomerRef.language}, docs/kafka-contract.md). A value that is not one
 * ("English", {@code sl_SI}, markup) is dropped with a warning rather than rejecting the contact: the customer still
 * waits for an answer, the queue rules on language just do not apply.
 */
public final class CustomerLanguage {

    /** The warning for a dropped language: names the problem, not the value. */
    public static final String NOT_BCP_47 = "customer.language is not a BCP 47 language tag (dropped)";

    private CustomerLanguage() {
    }

    /** The tag without surrounding white space, or empty when absent or not well-formed BCP 47. */
    public static Optional<String> of(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String tag = raw.strip();
        try {
            new Locale.Builder().setLanguageTag(tag);
            return Optional.of(tag);
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }
}
