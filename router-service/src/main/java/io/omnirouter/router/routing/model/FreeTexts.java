package io.omnirouter.router.routing.model;

import java.util.List;

/**
 * Checks the free texts a channel event carries (subject, body, notes, messages, the customer's name, attachment
 * names, the currency). Every character is kept as sent, markup, CR/LF and control characters included, except one:
 * U+0000, which PostgreSQL text cannot hold. Storing the text with the NUL replaced would show agents something the
 * customer never sent, so such an event is rejected instead, with the field and position named, never the text.
 */
public final class FreeTexts {

    private FreeTexts() {
    }

    /** A text that may be absent; when present, free of NUL. */
    public static String check(String value, String field) {
        if (value != null) {
            int nul = value.indexOf('\u0000');
            if (nul >= 0) {
                throw new RejectedEventException(Rejection.TEXT_WITH_NUL, field, nul);
            }
        }
        return value;
    }

    /** Every text of a list, each named by its position, e.g. {@code attachmentNames[2]}. */
    public static List<String> each(List<String> values, String field) {
        for (int i = 0; i < values.size(); i++) {
            check(values.get(i), field + "[" + i + "]");
        }
        return values;
    }
}
