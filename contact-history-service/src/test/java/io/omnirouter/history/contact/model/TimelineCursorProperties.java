package io.omnirouter.history.contact.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Forged cursors against the timeline's keyset token (issue 10): any string decodes to a cursor within
 * what PostgreSQL can compare, or is rejected with {@link InvalidCursorException} (HTTP 400), never
 * anything else; every cursor of a stored contact survives the round trip exactly.
 */
class TimelineCursorProperties {

    @Test
    void anyStringIsACursorOrTheRejection() {
        qt().forAll(tokens()).checkAssert(token ->
                decodeOrRejection(token).ifPresent(cursor -> assertThat(cursor.occurredAt()).isBetween(TimelineCursor.EARLIEST, TimelineCursor.LATEST)));
    }

    @Test
    void everyCursorOfAStoredContactRoundTrips() {
        qt().forAll(storedInstants(), uuids()).checkAssert((occurredAt, contactId) -> {
            TimelineCursor cursor = new TimelineCursor(occurredAt, contactId);

            String token = cursor.encode();

            assertThat(token).matches("[A-Za-z0-9_-]+");
            assertThat(TimelineCursor.decode(token)).isEqualTo(cursor);
        });
    }

    /** A real token with one character changed, cut short or extended: a cursor or the rejection. */
    @Test
    void aTamperedTokenIsACursorOrTheRejection() {
        qt().forAll(storedInstants(), uuids(), tamperings()).checkAssert((occurredAt, contactId, tampering) -> {
            String forged = tampering.applyTo(new TimelineCursor(occurredAt, contactId).encode());

            decodeOrRejection(forged).ifPresent(cursor -> assertThat(cursor.occurredAt()).isBetween(TimelineCursor.EARLIEST, TimelineCursor.LATEST));
        });
    }

    /** Was decoded, and then failed in PostgreSQL ("timestamp out of range") as a 500 instead of a 400. */
    @Test
    void aWellFormedCursorBeyondWhatPostgresqlCanHoldIsRejected() {
        for (String instant : new String[] {"+294277-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z",
                "-4713-11-23T23:59:59Z"}) {
            assertThatThrownBy(() -> TimelineCursor.decode(token("v1|" + instant + "|" + UUID.randomUUID())))
                    .as(instant).isInstanceOf(InvalidCursorException.class);
        }
        assertThat(TimelineCursor.decode(token("v1|" + TimelineCursor.LATEST + "|00000000-0000-0000-0000-000000000001")).occurredAt())
                .isEqualTo(TimelineCursor.LATEST);
    }

    private static Optional<TimelineCursor> decodeOrRejection(String token) {
        try {
            return Optional.of(TimelineCursor.decode(token));
        } catch (InvalidCursorException rejected) {
            assertThat(rejected).hasMessage("cursor is not one this API issued; pass back the nextCursor of a previous page unchanged");
            return Optional.empty();
        }
    }

    private static String token(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** One change to a token: the character at {@code position} (wrapped) replaced, or the token cut or extended. */
    record Tampering(int position, char replacement, String appended, boolean cut) {

        String applyTo(String token) {
            int at = Math.floorMod(position, token.length());
            String changed = token.substring(0, at) + replacement + token.substring(at + 1);
            return (cut ? changed.substring(0, at) : changed) + appended;
        }
    }

    private static Gen<Tampering> tamperings() {
        Gen<Character> base64 = Generate.pick(chars("ABCXYZabcxyz0189-_+/="));
        return integers().between(0, 200).zip(Generate.oneOf(base64, Generate.characters(Character.MIN_VALUE, Character.MAX_VALUE)),
                Generate.oneOf(Generate.constant(""), stringsOf("AQgw-_=", 8)), booleans().all(), Tampering::new);
    }

    /** Instants a timestamptz holds, at its microsecond precision. */
    private static Gen<Instant> storedInstants() {
        Gen<Long> seconds = Generate.oneOf(
                longs().between(TimelineCursor.EARLIEST.getEpochSecond(), TimelineCursor.LATEST.getEpochSecond()),
                longs().between(946_684_800L, 4_102_444_800L)); // 2000 to 2100: where contacts are
        return seconds.zip(longs().between(0, 999_999), (s, micros) -> Instant.ofEpochSecond(s).plus(micros, ChronoUnit.MICROS));
    }

    private static Gen<UUID> uuids() {
        return longs().all().zip(longs().all(), UUID::new);
    }

    /** Random text, random Base64, and Base64 of what a forger would try: the right layout with wrong parts. */
    private static Gen<String> tokens() {
        Gen<String> part = Generate.oneOf(anyChars(40),
                Generate.pick(List.of("v1", "v2", "", "2026-03-01T10:15:30Z", "+294277-01-01T00:00:00Z", "2026-03-01T10:15:30+01:00",
                        "-999999999-01-01T00:00:00Z", "00000000-0000-0000-0000-000000000001", "1-1-1-1-1", "|")));
        Gen<String> layout = part.zip(part, part, Generate.pick(List.of("|", "||", "")), (a, b, c, sep) -> token(a + sep + b + sep + c));
        Gen<String> v1 = part.zip(part, (b, c) -> token("v1|" + b + "|" + c));
        return Generate.oneOf(anyChars(120), stringsOf("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/", 120),
                layout, v1);
    }

    /** Any UTF-16 units, lone surrogate halves included, at most {@code maxLength} of them. */
    private static Gen<String> anyChars(int maxLength) {
        return strings().betweenCodePoints(Character.MIN_VALUE, Character.MAX_VALUE).ofLengthBetween(0, maxLength);
    }

    /** Strings of the characters of {@code alphabet}, at most {@code maxLength} of them. */
    private static Gen<String> stringsOf(String alphabet, int maxLength) {
        return lists().of(Generate.pick(chars(alphabet))).ofSizeBetween(0, maxLength)
                .map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    private static List<Character> chars(String alphabet) {
        return alphabet.chars().mapToObj(c -> (char) c).toList();
    }
}
