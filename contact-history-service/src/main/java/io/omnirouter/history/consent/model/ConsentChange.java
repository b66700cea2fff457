package io.omnirouter.history.consent.model;

import java.util.Objects;

/**
 * One consent a contact gave ({@code granted}) or withdrew (the contract's ConsentChange). Stored in
 * {@code contact.consents} as {@code PURPOSE=true|false} ({@link #stored}, {@link #parse}).
 */
public record ConsentChange(ConsentPurpose purpose, boolean granted) {

    public ConsentChange {
        Objects.requireNonNull(purpose, "purpose");
    }

    /** The stored form, e.g. {@code MARKETING_SURVEYS=false}. */
    public String stored() {
        return purpose.name() + "=" + granted;
    }

    /** @throws IllegalArgumentException if {@code stored} is not of the form {@link #stored} writes */
    public static ConsentChange parse(String stored) {
        int eq = stored.indexOf('=');
        String value = eq < 0 ? "" : stored.substring(eq + 1);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("not a stored consent change: " + stored);
        }
        return new ConsentChange(ConsentPurpose.valueOf(stored.substring(0, eq)), Boolean.parseBoolean(value));
    }
}
