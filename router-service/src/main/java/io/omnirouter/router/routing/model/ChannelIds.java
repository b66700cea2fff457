package io.omnirouter.router.routing.model;

import io.omnirouter.identifiers.InvisibleCharacters;
import java.util.List;

/**
 * Checks the ids a channel event carries (event id, Message-ID, call, session and order ids, agent ids…). They become
 * de-duplication keys, thread keys, Kafka keys and indexed columns: a NUL cannot be stored in PostgreSQL, a CR/LF or
 * an invisible character makes a forged or look-alike id, and a value of a few kilobytes does not fit a b-tree index
 * entry (about 2.7 kB), which would fail every transaction that stores it. Such an event is rejected with the field
 * named, never the value.
 *
 * @param maxChars longest id accepted; 500 characters stay below the index limit even at 3 bytes a character
 */
public record ChannelIds(int maxChars) {

    public ChannelIds {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
    }

    /** A present, non-blank, bounded and printable id. */
    public String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RejectedEventException(Rejection.REQUIRED_FIELD_BLANK, field);
        }
        return checked(value, field);
    }

    /** An id that may be absent; when present, bounded and printable. */
    public String optional(String value, String field) {
        return value == null ? null : checked(value, field);
    }

    /** Every id of a list, each named by its position, e.g. {@code references[0]}. */
    public List<String> each(List<String> values, String field) {
        for (int i = 0; i < values.size(); i++) {
            checked(values.get(i), field + "[" + i + "]");
        }
        return values;
    }

    private String checked(String value, String field) {
        if (value.length() > maxChars) {
            throw new RejectedEventException(Rejection.ID_TOO_LONG, field, maxChars, value.length());
        }
        InvisibleCharacters.firstIn(value).ifPresent(codePoint -> {
            throw new RejectedEventException(Rejection.ID_WITH_INVISIBLE_CHARACTER, field, InvisibleCharacters.describe(codePoint));
        });
        return value;
    }
}
