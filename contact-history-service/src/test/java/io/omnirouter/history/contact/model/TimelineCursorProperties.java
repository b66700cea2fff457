package io.omnirouter.history.contact.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Forged cursors against the timeline's keyset token (issue 10): any string decodes to a cursor within
 * what PostgreSQL can compare, or is rejected with {@link InvalidCursorException} (HTTP 400), never
 * anything else; every cursor of a stored contact survives the round trip exactly.
 */
class TimelineCursorProperties {

    @Property
    void anyStringIsACursorOrTheRejection(@ForAll("tokens") String token) {
        decodeOrRejection(token).ifPresent(cursor -> assertThat(cursor.occurredAt()).isBetween(TimelineCursor.EARLIEST, TimelineCursor.LATEST));
    }

    @Property
    void everyCursorOfAStoredContactRoundTrips(@ForAll("storedInstants") Instant occurredAt, @ForAll("uuids") UUID contactId) {
        TimelineCursor cursor = new TimelineCursor(occurredAt, contactId);

        String token = cursor.encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(TimelineCursor.decode(token)).isEqualTo(cursor);
    }

    /** A real token with one character changed, cut short or extended: a cursor or the rejection. */
    @Property
    void aTamperedTokenIsACursorOrTheRejection(@ForAll("storedInstants") Instant occurredAt, @ForAll("uuids") UUID contactId,
                                               @ForAll("tamperings") Tampering tampering) {
        String forged = tampering.applyTo(new TimelineCursor(occurredAt, contactId).encode());

        decodeOrRejection(forged).ifPresent(cursor -> assertThat(cursor.occurredAt()).isBetween(TimelineCursor.EARLIEST, TimelineCursor.LATEST));
    }

    /** Was decoded, and then failed in PostgreSQL ("timestamp out of range") as a 500 instead of a 400. */
    @Example
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

    @Provide
    Arbitrary<Tampering> tamperings() {
        Arbitrary<Character> base64 = Arbitraries.chars().with("ABCXYZabcxyz0189-_+/=".toCharArray());
        return Combinators.combine(Arbitraries.integers().between(0, 200), Arbitraries.oneOf(base64, Arbitraries.chars().all()),
                Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().withChars("AQgw-_=").ofMaxLength(8)), Arbitraries.of(true, false))
                .as(Tampering::new);
    }

    /** Instants a timestamptz holds, at its microsecond precision. */
    @Provide
    Arbitrary<Instant> storedInstants() {
        Arbitrary<Long> seconds = Arbitraries.oneOf(
                Arbitraries.longs().between(TimelineCursor.EARLIEST.getEpochSecond(), TimelineCursor.LATEST.getEpochSecond()),
                Arbitraries.longs().between(946_684_800L, 4_102_444_800L)); // 2000 to 2100: where contacts are
        return Combinators.combine(seconds, Arbitraries.longs().between(0, 999_999))
                .as((s, micros) -> Instant.ofEpochSecond(s).plus(micros, ChronoUnit.MICROS));
    }

    @Provide
    Arbitrary<UUID> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    /** Random text, random Base64, and Base64 of what a forger would try: the right layout with wrong parts. */
    @Provide
    Arbitrary<String> tokens() {
        Arbitrary<String> part = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of("v1", "v2", "", "2026-03-01T10:15:30Z", "+294277-01-01T00:00:00Z", "2026-03-01T10:15:30+01:00",
                        "-999999999-01-01T00:00:00Z", "00000000-0000-0000-0000-000000000001", "1-1-1-1-1", "|"));
        Arbitrary<String> layout = Combinators.combine(part, part, part, Arbitraries.of("|", "||", ""))
                .as((a, b, c, sep) -> token(a + sep + b + sep + c));
        Arbitrary<String> v1 = Combinators.combine(part, part).as((b, c) -> token("v1|" + b + "|" + c));
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(120), Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').withCharRange('0', '9').withChars("-_=+/").ofMaxLength(120),
                layout, v1);
    }
}
