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
 *
 * <p>A token is the URL-safe Base64 of {@code v1|<ISO instant>|<UUID>}. {@link #decode} accepts exactly the
 * tokens {@link #encode} can make for a stored contact and rejects anything else with
 * {@link InvalidCursorException}, including a well-formed token whose instant lies outside what a PostgreSQL
 * {@code timestamptz} can hold ({@link #EARLIEST} to {@link #LATEST}): such a forged cursor would otherwise
 * reach the query and fail there as a server error instead of a client one.
 */
public record TimelineCursor(Instant occurredAt, UUID contactId) {

    /** PostgreSQL's timestamptz range: 24 November 4714 BC (proleptic Gregorian, astronomical year -4713) to 294276 AD. */
    public static final Instant EARLIEST = Instant.parse("-4713-11-24T00:00:00Z");
    public static final Instant LATEST = Instant.parse("+294276-12-31T23:59:59.999999Z");

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
            Instant occurredAt = Instant.parse(parts[1]);
            if (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(LATEST)) {
                throw new InvalidCursorException();
            }
            return new TimelineCursor(occurredAt, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidCursorException();
        }
    }
}
