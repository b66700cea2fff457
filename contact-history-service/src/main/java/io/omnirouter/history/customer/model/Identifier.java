package io.omnirouter.history.customer.model;

import io.omnirouter.identifiers.IdentifierType;
import java.util.Locale;
import java.util.Objects;

/** A normalized customer identifier: the key identity resolution works on. */
public record Identifier(IdentifierType type, String value) {

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException(type + " identifier is blank");
        }
    }

    /**
     * The name of a type where the contract and the API spell it: lower camel case, as the fields of
     * CustomerIdentifiers and the parameters of {@code GET /api/customers/lookup} (SHOP_CUSTOMER_ID: shopCustomerId).
     */
    public static String fieldName(IdentifierType type) {
        String[] words = type.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return name.toString();
    }

    /** Never the value: identifiers are personal data and records end up in logs. */
    @Override
    public String toString() {
        return "Identifier[" + type + "]";
    }
}
