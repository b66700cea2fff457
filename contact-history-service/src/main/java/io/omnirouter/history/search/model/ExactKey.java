package io.omnirouter.history.search.model;

import java.util.Objects;

/**
 * One exact reading of what was typed: an identifier of a type, normalized as the router normalizes what channels
 * send, or an order id.
 *
 * @param value normalized ({@code IdentifierNormalizer}); the order id as the shop id's rule makes it (trimmed, NFC)
 */
public record ExactKey(MatchedBy matchedBy, String value) {

    public ExactKey {
        Objects.requireNonNull(matchedBy, "matchedBy");
        Objects.requireNonNull(value, "value");
        if (matchedBy == MatchedBy.NAME) {
            throw new IllegalArgumentException("a name is matched by its words, not exactly");
        }
    }

    /** Never the value: what an agent typed is personal data, and records end up in logs. */
    @Override
    public String toString() {
        return "ExactKey[" + matchedBy + "]";
    }
}
