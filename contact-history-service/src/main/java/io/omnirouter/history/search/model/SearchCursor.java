package io.omnirouter.history.search.model;

import io.omnirouter.history.contact.model.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in a search's answer, which is ordered exact matches first, then name matches, each by (lastContactAt DESC,
 * customerId DESC): the next page holds what comes strictly after it. Keyset, not offset, as the timeline's
 * (contact/model/TimelineCursor): a page does not shift when customers are added before it. Clients see an opaque token,
 * the URL-safe Base64 of {@code s1|<E or N>|<ISO instant>|<UUID>}; {@link #decode} takes exactly what {@link #encode}
 * makes (a timeline's or the read audit's cursor is not one) and refuses anything else with
 * {@link InvalidCursorException}.
 *
 * @param byName whether the position is among the name matches (else among the exact ones)
 */
public record SearchCursor(boolean byName, Instant lastContactAt, UUID customerId) {

    // Not the timeline's "v1" nor the audit's "a1": one kind of cursor is never taken for another.
    private static final String VERSION = "s1";
    private static final String SEPARATOR = "|";

    public SearchCursor {
        Objects.requireNonNull(lastContactAt, "lastContactAt");
        Objects.requireNonNull(customerId, "customerId");
    }

    /** The position just after a customer shown. */
    public static SearchCursor after(FoundCustomer customer) {
        return new SearchCursor(customer.matchedBy() == MatchedBy.NAME, customer.lastContactAt(), customer.customerId());
    }

    public String encode() {
        String plain = String.join(SEPARATOR, VERSION, byName ? "N" : "E", lastContactAt.toString(), customerId.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidCursorException if {@code token} was not made by {@link #encode()} */
    public static SearchCursor decode(String token) {
        Objects.requireNonNull(token, "token");
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\" + SEPARATOR, -1);
            if (parts.length != 4 || !VERSION.equals(parts[0]) || !(parts[1].equals("E") || parts[1].equals("N"))) {
                throw new InvalidCursorException();
            }
            UUID customerId = UUID.fromString(parts[3]);
            // UUID.fromString also takes "1-2-3-4-5": only the canonical form encode writes.
            if (!customerId.toString().equals(parts[3])) {
                throw new InvalidCursorException();
            }
            return new SearchCursor(parts[1].equals("N"), Instant.parse(parts[2]), customerId);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidCursorException();
        }
    }
}
