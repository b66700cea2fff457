package io.omnirouter.history.audit.model;

import io.omnirouter.history.contact.model.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A position in the read audit, ordered newest first by (readAt DESC, id DESC): the next page holds the reads strictly
 * older, or as old with a smaller id. Keyset, not offset, so pages stay put while reads are recorded. Clients see an
 * opaque token: the URL-safe Base64 of {@code a1|<ISO instant>|<id>}; {@link #decode} takes exactly what
 * {@link #encode} makes (a timeline's cursor is not one) and refuses anything else with {@link InvalidCursorException}.
 */
public record ReadAuditCursor(Instant readAt, long id) {

    // Not the timeline's "v1": one kind of cursor is never taken for the other.
    private static final String VERSION = "a1";
    private static final String SEPARATOR = "|";

    public ReadAuditCursor {
        Objects.requireNonNull(readAt, "readAt");
    }

    public String encode() {
        String plain = VERSION + SEPARATOR + readAt + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidCursorException if {@code token} was not made by {@link #encode()} */
    public static ReadAuditCursor decode(String token) {
        Objects.requireNonNull(token, "token");
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\" + SEPARATOR, -1);
            // Digits only: Long.parseLong would also take "+1", which encode never writes.
            if (parts.length != 3 || !VERSION.equals(parts[0]) || !parts[2].matches("-?[0-9]{1,19}")) {
                throw new InvalidCursorException();
            }
            return new ReadAuditCursor(Instant.parse(parts[1]), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidCursorException();
        }
    }
}
