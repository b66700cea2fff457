package io.omnirouter.history.shared.web;

import io.omnirouter.history.contact.model.InvalidCursorException;
import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.identifiers.IdentifierType;
import io.omnirouter.identifiers.InvalidIdentifierException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the agent API's path variables and query parameters from what the client sent. Every method either returns
 * a value (null where the parameter is optional and absent) or throws {@link InvalidRequestException} naming the
 * parameter, which the API answers with a 400 problem; nothing else escapes, whatever the string (a property-based
 * test holds it to that). Messages say what was expected and never quote the value: it may be personal data or
 * markup, and problem details end up in browsers and logs.
 */
public final class RequestParameters {

    /** Free-text filters (queue, assignee) and agent ids: longer is not a name but an attack on an index. */
    public static final int MAX_TEXT_LENGTH = 254;
    /** Thread keys hold a channel's message or session id, which the router bounds well below this. */
    public static final int MAX_THREAD_KEY_LENGTH = 2048;
    /** What agents write: a reason, a note. */
    public static final int MAX_FREE_TEXT_LENGTH = 2000;
    /** Cursors this API issues are about 90 characters; far longer ones are not worth decoding. */
    static final int MAX_CURSOR_LENGTH = 512;
    /**
     * Times a client may send (cursor positions, absences): PostgreSQL's timestamptz and java.sql.Timestamp both hold
     * years 1 to 9999, an Instant holds far more and would fail in the database instead of here.
     */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    // The canonical form only: UUID.fromString also takes "1-2-3-4-5", which no client means.
    private static final Pattern CANONICAL_UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,10}");

    private RequestParameters() {
    }

    /** A required id (a path variable): the canonical 36-character form. */
    public static UUID uuid(String parameter, String raw) {
        UUID id = optionalUuid(parameter, raw);
        if (id == null) {
            throw InvalidRequestException.of(parameter, parameter + " is required");
        }
        return id;
    }

    /** An optional id; null when absent or blank. */
    public static UUID optionalUuid(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String trimmed = raw.strip();
        if (!CANONICAL_UUID.matcher(trimmed).matches()) {
            throw InvalidRequestException.of(parameter, parameter + " must be a UUID (8-4-4-4-12 hexadecimal digits)");
        }
        return UUID.fromString(trimmed);
    }

    /**
     * A page size; null when absent (the use case's default applies). The upper bound is the use case's, which knows
     * its configured maximum.
     */
    public static Integer limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String trimmed = raw.strip();
        if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
            throw InvalidRequestException.of("limit", "limit must be a whole number of entries per page");
        }
        long value = Long.parseLong(trimmed);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw InvalidRequestException.of("limit", "limit must be at least 1");
        }
        return (int) value;
    }

    /**
     * A timeline or conversation position: the {@code nextCursor} of an earlier page; null when absent. A cursor is
     * a position, not a permission: one made for another customer's timeline only says where to start in this one.
     */
    public static TimelineCursor cursor(String raw) {
        return cursor(raw, TimelineCursor::decode, TimelineCursor::occurredAt);
    }

    /**
     * A position of another list (the read audit): the {@code nextCursor} of an earlier page; null when absent.
     *
     * @param decode   the cursor's own decoding, throwing {@link InvalidCursorException} for a token it did not make
     * @param position the time the cursor points at, which must lie within the years 1 to 9999
     */
    public static <C> C cursor(String raw, Function<String, C> decode, Function<C, Instant> position) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        C cursor;
        try {
            if (raw.length() > MAX_CURSOR_LENGTH) {
                throw new InvalidCursorException();
            }
            cursor = decode.apply(raw);
        } catch (InvalidCursorException e) {
            throw new InvalidRequestException("cursor", "cursor: " + e.getMessage(), e);
        }
        Instant at = position.apply(cursor);
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw InvalidRequestException.of("cursor", "cursor: " + new InvalidCursorException().getMessage());
        }
        return cursor;
    }

    /** One of an enum's constants, case-insensitive; null when absent or blank. */
    public static <E extends Enum<E>> E oneOf(String parameter, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String upper = raw.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(upper))
                .findFirst()
                .orElseThrow(() -> InvalidRequestException.of(parameter,
                        parameter + " must be one of " + Arrays.toString(type.getEnumConstants())));
    }

    /**
     * A name-like value (a queue, an agent id): trimmed, null when absent or blank, at most {@link #MAX_TEXT_LENGTH}
     * characters, no control characters (PostgreSQL refuses NUL in text; CR and LF would forge log lines).
     */
    public static String text(String parameter, String raw) {
        return raw == null || raw.isBlank() ? null : requiredText(parameter, raw, MAX_TEXT_LENGTH);
    }

    /**
     * What an agent writes (an action's reason, a note): trimmed, null when absent or blank, at most
     * {@link #MAX_FREE_TEXT_LENGTH} characters; line breaks and tabs are kept, other control characters refused (NUL
     * cannot be stored, the rest is never typed).
     */
    public static String freeText(String parameter, String raw) {
        String trimmed = trimmedWithin(parameter, raw, MAX_FREE_TEXT_LENGTH);
        if (trimmed == null) {
            return null;
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw InvalidRequestException.of(parameter, parameter + " must not contain control characters other than line breaks and tabs");
        }
        return trimmed;
    }

    /** Trimmed, null when absent or blank, at most {@code max} characters. */
    private static String trimmedWithin(String parameter, String raw, int max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String trimmed = raw.strip();
        if (trimmed.length() > max) {
            throw InvalidRequestException.of(parameter, parameter + " must be at most " + max + " characters");
        }
        return trimmed;
    }

    /** As {@link #text}, but required. */
    public static String requiredText(String parameter, String raw) {
        return requiredText(parameter, raw, MAX_TEXT_LENGTH);
    }

    /**
     * As {@link #requiredText(String, String)}, at most {@code max} characters once trimmed (a search's query).
     */
    public static String requiredText(String parameter, String raw, int max) {
        String trimmed = trimmedWithin(parameter, raw, max);
        if (trimmed == null) {
            throw InvalidRequestException.of(parameter, parameter + " is required");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw InvalidRequestException.of(parameter, parameter + " must not contain control characters");
        }
        return trimmed;
    }

    /**
     * A conversation's key (the rest of the path): at most {@link #MAX_THREAD_KEY_LENGTH} characters, no control
     * characters (no stored key has any: the router derives keys from ids it trimmed).
     */
    public static String threadKey(String raw) {
        if (raw == null || raw.isBlank()) {
            throw InvalidRequestException.of("threadKey", "threadKey is required");
        }
        if (raw.length() > MAX_THREAD_KEY_LENGTH) {
            throw InvalidRequestException.of("threadKey", "threadKey must be at most " + MAX_THREAD_KEY_LENGTH + " characters");
        }
        if (raw.chars().anyMatch(Character::isISOControl)) {
            throw InvalidRequestException.of("threadKey", "threadKey must not contain control characters");
        }
        return raw;
    }

    /** {@code ?asOf=}: an ISO-8601 instant (e.g. 2026-12-02T10:32:00Z); null when absent. */
    public static Instant asOf(String raw) {
        return instant("asOf", raw);
    }

    /** A query parameter holding an ISO-8601 instant (e.g. 2026-12-02T10:32:00Z); null when absent. */
    public static Instant instant(String parameter, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return instant(parameter, Instant.parse(raw.strip()));
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidRequestException.of(parameter, parameter + " must be an ISO-8601 instant such as 2026-12-02T10:32:00Z");
        }
    }

    /** A time a client sends (an absence's bounds); null when absent. */
    public static Instant instant(String parameter, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw InvalidRequestException.of(parameter, parameter + " must be between years 1 and 9999");
        }
        return value;
    }

    /**
     * An identifier as an agent types it, normalized as the router normalizes what channels send.
     *
     * @param parameter the parameter it came in: a lookup's is named after its type (phone, email, …, socialHandle)
     */
    public static String identifier(IdentifierNormalizer normalizer, String parameter, IdentifierType type, String raw) {
        String normalized;
        try {
            normalized = normalizer.normalize(type, raw)
                    .orElseThrow(() -> InvalidRequestException.of(parameter, parameter + ": " + type + " identifier is blank"));
        } catch (InvalidIdentifierException e) {
            // Its message names the type and the reason, never the value.
            throw new InvalidRequestException(parameter, parameter + ": " + e.getMessage(), e);
        }
        // Ids are only trimmed by the normalizer: NUL would make PostgreSQL fail the query, other controls match nothing.
        if (normalized.chars().anyMatch(Character::isISOControl)) {
            throw InvalidRequestException.of(parameter, parameter + " must not contain control characters");
        }
        return normalized;
    }
}
