package io.omnirouter.history.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.omnirouter.contact.Channel;
import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.followup.model.TaskStatus;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.identifiers.IdentifierType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Property-based fuzzing of the agent API's parameter parsing ({@link RequestParameters}, issue 10 item 4): whatever
 * string a client sends gives a value or the documented rejection (an {@link InvalidRequestException} naming the
 * parameter, which the API answers with a 400 problem), never another exception; and a rejection's message never
 * quotes the value (a few fixed messages per parameter, whatever the inputs). Cases per property: QuickTheories' {@code QT_EXAMPLES} (10,000; {@code -Dfuzz.tries=N} in Maven).
 * Named *Test because surefire runs only its default includes (*Test, *Tests, Test*).
 */
class RequestParsingPropertiesTest {

    private static final IdentifierNormalizer NORMALIZER = new IdentifierNormalizer("SI");
    private static final Map<String, Set<String>> MESSAGES = new ConcurrentHashMap<>();

    @Test
    void anIdIsCanonicalOrRefusedByName() {
        qt().forAll(hostile()).checkAssert(raw -> {
            UUID id = parsedOrRefused("customerId", raw, () -> RequestParameters.optionalUuid("customerId", raw));
            if (id != null) {
                assertThat(id.toString()).isEqualToIgnoringCase(raw.strip());
            } else {
                // Null for an absent id only; a present one gives an id or a refusal.
                assertThat(isBlank(raw) || refused("customerId", raw, () -> RequestParameters.optionalUuid("customerId", raw))).isTrue();
            }
        });
    }

    @Test
    void anIdThatLooksLikeOneIsReadAsIt() {
        qt().forAll(uuidLike()).checkAssert(raw -> parsedOrRefused("taskId", raw, () -> RequestParameters.uuid("taskId", raw)));
    }

    @Test
    void aLimitIsAPositiveNumberOrRefusedByName() {
        qt().forAll(numberLike()).checkAssert(raw -> {
            Integer limit = parsedOrRefused("limit", raw, () -> RequestParameters.limit(raw));
            if (limit != null) {
                assertThat(limit).isPositive();
                assertThat(Long.parseLong(raw.strip())).isEqualTo(limit.longValue());
            } else {
                assertThat(isBlank(raw) || refused("limit", raw, () -> RequestParameters.limit(raw))).isTrue();
            }
        });
    }

    @Test
    void aCursorIsAPositionWithinTheStoresRangeOrRefusedByName() {
        qt().forAll(cursorLike()).checkAssert(raw -> {
            TimelineCursor cursor = parsedOrRefused("cursor", raw, () -> RequestParameters.cursor(raw));
            if (cursor != null) {
                assertThat(cursor.occurredAt()).isBetween(RequestParameters.EARLIEST, RequestParameters.LATEST);
            } else {
                assertThat(raw.isEmpty() || refused("cursor", raw, () -> RequestParameters.cursor(raw))).isTrue();
            }
        });
    }

    @Test
    void aCursorTheServiceIssuedIsReadBackUnchanged() {
        qt().forAll(positions()).checkAssert(issued -> {
            boolean storable = !issued.occurredAt().isBefore(RequestParameters.EARLIEST) && !issued.occurredAt().isAfter(RequestParameters.LATEST);
            TimelineCursor read = parsedOrRefused("cursor", issued.encode(), () -> RequestParameters.cursor(issued.encode()));
            if (storable) {
                assertThat(read).isEqualTo(issued);
            } else {
                assertThat(read).as("a position outside the store's range: refused, so it never reaches PostgreSQL").isNull();
            }
        });
    }

    @Test
    void aFilterIsOneOfTheConstantsOrRefusedByName() {
        qt().forAll(enumLike()).checkAssert(raw -> {
            Channel channel = parsedOrRefused("channel", raw, () -> RequestParameters.oneOf("channel", raw, Channel.class));
            if (channel != null) {
                assertThat(channel.name()).isEqualTo(raw.strip().toUpperCase(Locale.ROOT));
            }
            TaskStatus status = parsedOrRefused("status", raw, () -> RequestParameters.oneOf("status", raw, TaskStatus.class));
            if (status != null) {
                assertThat(status.name()).isEqualTo(raw.strip().toUpperCase(Locale.ROOT));
            }
        });
    }

    @Test
    void aTextFilterIsBoundedWithoutControlCharactersOrRefusedByName() {
        qt().forAll(hostile()).checkAssert(raw -> {
            String queue = parsedOrRefused("queue", raw, () -> RequestParameters.text("queue", raw));
            if (queue != null) {
                assertThat(queue).isEqualTo(raw.strip()).hasSizeLessThanOrEqualTo(RequestParameters.MAX_TEXT_LENGTH);
                assertThat(queue.chars().noneMatch(Character::isISOControl)).isTrue();
            }
            String key = parsedOrRefused("threadKey", raw, () -> RequestParameters.threadKey(raw));
            if (key != null) {
                assertThat(key.chars().noneMatch(Character::isISOControl)).isTrue();
            }
        });
    }

    @Test
    void anIdentifierIsNormalizedOrRefusedByName() {
        qt().forAll(identifierLike(), Generate.enumValues(IdentifierType.class)).checkAssert((raw, type) -> {
            String parameter = Identifier.fieldName(type);
            Supplier<String> parsing = () -> RequestParameters.identifier(NORMALIZER, parameter, type, raw);
            String normalized = parsedOrRefused(parameter, raw, parsing);
            if (normalized != null) {
                assertThat(normalized.chars().noneMatch(Character::isISOControl)).isTrue();
            } else {
                assertThat(refused(parameter, raw, parsing)).as("a lookup gets an identifier or a refusal, never null").isTrue();
            }
        });
    }

    @Test
    void aTimeIsWithinTheStoresRangeOrRefusedByName() {
        qt().forAll(instants()).checkAssert(time -> {
            Instant read = parsedOrRefused("from", time.toString(), () -> RequestParameters.instant("from", time));
            if (read != null) {
                assertThat(read).isEqualTo(time).isBetween(RequestParameters.EARLIEST, RequestParameters.LATEST);
            }
        });
    }

    /**
     * Runs the parsing: its value, or null when it refused in the documented way, naming the parameter. Any other
     * exception fails the property. Each refusal's message is collected: see {@link #messagesQuoteNothing()}.
     */
    private static <T> T parsedOrRefused(String parameter, String raw, Supplier<T> parsing) {
        try {
            return parsing.get();
        } catch (InvalidRequestException refused) {
            assertThat(refused.parameter()).isEqualTo(parameter);
            assertThat(refused.getMessage()).startsWith(parameter).doesNotContain("\r", "\n");
            // A refusal may name the control character it found (U+0009): a code point of a character no customer
            // types, never a value. Collected without it, the count below still catches a message quoting input.
            MESSAGES.computeIfAbsent(parameter, p -> ConcurrentHashMap.newKeySet())
                    .add(refused.getMessage().replaceAll("U\\+[0-9A-F]{4,6}", "U+hhhh"));
            return null;
        }
    }

    /** Whether the parsing refused: the value was present, yet nothing came of it. */
    private static boolean refused(String parameter, String raw, Supplier<?> parsing) {
        try {
            parsing.get();
            return false;
        } catch (InvalidRequestException e) {
            return true;
        }
    }

    /**
     * Thousands of different inputs, a handful of different messages per parameter: the messages are fixed
     * sentences, none quotes what the client sent (personal data, markup).
     */
    @AfterAll
    static void messagesQuoteNothing() {
        MESSAGES.forEach((parameter, messages) -> assertThat(messages).as("refusals of %s", parameter).hasSizeLessThanOrEqualTo(12));
    }

    private static boolean isBlank(String raw) {
        return raw == null || raw.isBlank();
    }

    // --- generators: whole-range strings, and strings near the valid forms, where mistakes hide -------------------

    private static Gen<String> hostile() {
        return Generate.oneOf(
                anyChars(0, 300),
                strings().betweenCodePoints(' ', '~').ofLengthBetween(0, 300),
                stringsOf("\u0000\r\n\t\u202e\u200b\ufeff<>\"'%&;/\\.", 0, 40),
                anyChars(250, 3000),
                Generate.pick(List.of("", " ", "\u00a0", "../", "%00", "null", "<script>window.__pwned=1</script>", "${jndi:ldap://x/a}")));
    }

    private static Gen<String> uuidLike() {
        Gen<String> canonical = randomUuids().map(uuid -> uuid.toString());
        return Generate.oneOf(canonical, canonical.map(uuid -> uuid.toUpperCase()), mutated(canonical), hostile(),
                Generate.pick(List.of("1-1-1-1-1", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-fffffffffffff")));
    }

    private static Gen<String> numberLike() {
        Gen<String> numbers = longs().all().map(n -> String.valueOf(n));
        return Generate.oneOf(numbers, integers().between(-5, 500).map(n -> String.valueOf(n)), mutated(numbers),
                stringsOf("0123456789+-.eExX ", 0, 25), hostile(),
                Generate.pick(List.of("99999999999999999999", "2147483647", "2147483648", "-2147483648", "1e3", "0x10", "NaN", "Infinity")));
    }

    private static Gen<String> cursorLike() {
        Gen<String> issued = positions().map(TimelineCursor::encode);
        Gen<String> forged = Generate.pick(List.of("v1", "v2", "", "V1")).zip(hostile(), hostile(),
                (version, time, id) -> base64(version + "|" + time + "|" + id));
        Gen<String> garbage = anyChars(0, 200).map(RequestParsingPropertiesTest::base64);
        return Generate.oneOf(issued, mutated(issued), forged, garbage, hostile(),
                stringsOf("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/", 0, 700));
    }

    private static Gen<TimelineCursor> positions() {
        return instants().zip(randomUuids(), TimelineCursor::new);
    }

    /** Random (version 4) UUIDs, as {@link UUID#randomUUID()} makes them, but from the property's seed. */
    private static Gen<UUID> randomUuids() {
        return longs().all().zip(longs().all(), (most, least) ->
                new UUID((most & ~0xF000L) | 0x4000L, (least & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L));
    }

    private static Gen<Instant> instants() {
        return Generate.oneOf(
                longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()).map(seconds -> Instant.ofEpochSecond(seconds)),
                longs().between(-100_000_000_000L, 300_000_000_000L).map(seconds -> Instant.ofEpochSecond(seconds)),
                Generate.pick(List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, RequestParameters.EARLIEST, RequestParameters.LATEST,
                        RequestParameters.EARLIEST.minusNanos(1), RequestParameters.LATEST.plusNanos(1))));
    }

    private static Gen<String> enumLike() {
        Gen<String> names = Generate.pick(List.of("EMAIL", "phone", " Chat ", "webShop", "OPEN", "closed", "CANCELLED", "OTHER"));
        return Generate.oneOf(names, mutated(names), hostile(),
                names.map(name -> name.replace('I', '\u0130')), names.map(name -> name.toLowerCase(Locale.forLanguageTag("tr"))));
    }

    private static Gen<String> identifierLike() {
        String alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        Gen<String> emails = stringsOf(alpha, 1, 20).zip(stringsOf(alpha, 1, 20), (local, domain) -> local + "@" + domain + ".com");
        Gen<String> phones = stringsOf("0123456789 +-()", 1, 25);
        Gen<String> handles = Generate.pick(List.of("instagram", "WhatsApp", "messenger", "")).zip(stringsOf(alpha + "@._ ", 0, 20),
                (platform, handle) -> platform + ":" + handle);
        return Generate.oneOf(emails, mutated(emails), phones, mutated(phones), handles, mutated(handles), hostile());
    }

    /** A valid-looking value with one character inserted, replaced or removed, or cut short. */
    private static Gen<String> mutated(Gen<String> valid) {
        Gen<Character> anyChar = Generate.oneOf(Generate.characters(Character.MIN_VALUE, Character.MAX_VALUE),
                Generate.pick(List.of('\u0000', '\r', '\n', '|', '%')));
        return valid.zip(integers().between(0, 1000), anyChar, integers().between(0, 3), (value, position, character, kind) -> {
            int at = value.isEmpty() ? 0 : position % value.length();
            return switch (kind) {
                case 0 -> value.substring(0, at) + character + value.substring(at);
                case 1 -> value.isEmpty() ? String.valueOf(character) : value.substring(0, at) + character + value.substring(at + 1);
                case 2 -> value.isEmpty() ? value : value.substring(0, at) + value.substring(at + 1);
                default -> value.substring(0, at);
            };
        });
    }

    /** Any UTF-16 units, lone surrogate halves included. */
    private static Gen<String> anyChars(int minLength, int maxLength) {
        return strings().betweenCodePoints(Character.MIN_VALUE, Character.MAX_VALUE).ofLengthBetween(minLength, maxLength);
    }

    /** Strings of the characters of {@code alphabet}. */
    private static Gen<String> stringsOf(String alphabet, int minLength, int maxLength) {
        List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(chars)).ofSizeBetween(minLength, maxLength)
                .map(list -> list.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
