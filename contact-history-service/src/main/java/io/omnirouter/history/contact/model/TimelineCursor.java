package io.omnirouter.history.contact.model;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in a timeline ordered by (occurredAt DESC, contactId DESC): the page after it holds the
 * entries strictly older, or as old with a smaller contact id. Keyset, not offset, so pages stay stable
 * while new contacts arrive. Clients see it only as an opaque token.
 */
public record TimelineCursor(Instant occurredAt, UUID contactId) {

    // A version prefix lets the token's layout change later without misreading old tokens.
    private static final String VERSION = "v1";
    private static final String SEPARATOR = "|";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public TimelineCursor {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(contactId, "contactId");
    }

    public String encode() {
        String plain = VERSION + SEPARATOR + occurredAt + SEPARATOR + contactId;
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidCursorException if {@code token} was not made by {@link #encode()} */
    public static TimelineCursor decode(String token) {
        Objects.requireNonNull(token, "token");
        try {
            String[] parts = new String(DECODER.decode(token), StandardCharsets.UTF_8).split("\\" + SEPARATOR, -1);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw new InvalidCursorException();
            }
            return new TimelineCursor(Instant.parse(parts[1]), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidCursorException();
        }
    }
}
