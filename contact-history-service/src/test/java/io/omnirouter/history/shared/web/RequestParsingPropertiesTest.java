package io.omnirouter.history.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.history.contact.model.Channel;
import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.followup.model.TaskStatus;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.identifiers.IdentifierType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based fuzzing of the agent API's parameter parsing ({@link RequestParameters}, issue 10 item 4): whatever
 * string a client sends gives a value or the documented rejection (an {@link InvalidRequestException} naming the
 * parameter, which the API answers with a 400 problem), never another exception; and a rejection's message never
 * quotes the value (a few fixed messages per parameter, whatever the inputs). Cases per property: {@code jqwik.tries.default} (10,000; {@code -Dfuzz.tries=N} in Maven).
 * Named *Test because surefire runs only its default includes (*Test, *Tests, Test*).
 */
class RequestParsingPropertiesTest {

    private static final IdentifierNormalizer NORMALIZER = new IdentifierNormalizer("SI");
    private static final Map<String, Set<String>> MESSAGES = new ConcurrentHashMap<>();

    @Property
    void anIdIsCanonicalOrRefusedByName(@ForAll("hostile") String raw) {
        UUID id = parsedOrRefused("customerId", raw, () -> RequestParameters.optionalUuid("customerId", raw));
        if (id != null) {
            assertThat(id.toString()).isEqualToIgnoringCase(raw.strip());
        } else {
            // Null for an absent id only; a present one gives an id or a refusal.
            assertThat(isBlank(raw) || refused("customerId", raw, () -> RequestParameters.optionalUuid("customerId", raw))).isTrue();
        }
    }

    @Property
    void anIdThatLooksLikeOneIsReadAsIt(@ForAll("uuidLike") String raw) {
        parsedOrRefused("taskId", raw, () -> RequestParameters.uuid("taskId", raw));
    }

    @Property
    void aLimitIsAPositiveNumberOrRefusedByName(@ForAll("numberLike") String raw) {
        Integer limit = parsedOrRefused("limit", raw, () -> RequestParameters.limit(raw));
        if (limit != null) {
            assertThat(limit).isPositive();
            assertThat(Long.parseLong(raw.strip())).isEqualTo(limit.longValue());
        } else {
            assertThat(isBlank(raw) || refused("limit", raw, () -> RequestParameters.limit(raw))).isTrue();
        }
    }

    @Property
    void aCursorIsAPositionWithinTheStoresRangeOrRefusedByName(@ForAll("cursorLike") String raw) {
        TimelineCursor cursor = parsedOrRefused("cursor", raw, () -> RequestParameters.cursor(raw));
        if (cursor != null) {
            assertThat(cursor.occurredAt()).isBetween(RequestParameters.EARLIEST, RequestParameters.LATEST);
        } else {
            assertThat(raw.isEmpty() || refused("cursor", raw, () -> RequestParameters.cursor(raw))).isTrue();
        }
    }

    @Property
    void aCursorTheServiceIssuedIsReadBackUnchanged(@ForAll("positions") TimelineCursor issued) {
        boolean storable = !issued.occurredAt().isBefore(RequestParameters.EARLIEST) && !issued.occurredAt().isAfter(RequestParameters.LATEST);
        TimelineCursor read = parsedOrRefused("cursor", issued.encode(), () -> RequestParameters.cursor(issued.encode()));
        if (storable) {
            assertThat(read).isEqualTo(issued);
        } else {
            assertThat(read).as("a position outside the store's range: refused, so it never reaches PostgreSQL").isNull();
        }
    }

    @Property
    void aFilterIsOneOfTheConstantsOrRefusedByName(@ForAll("enumLike") String raw) {
        Channel channel = parsedOrRefused("channel", raw, () -> RequestParameters.oneOf("channel", raw, Channel.class));
        if (channel != null) {
            assertThat(channel.name()).isEqualTo(raw.strip().toUpperCase(Locale.ROOT));
        }
        TaskStatus status = parsedOrRefused("status", raw, () -> RequestParameters.oneOf("status", raw, TaskStatus.class));
        if (status != null) {
            assertThat(status.name()).isEqualTo(raw.strip().toUpperCase(Locale.ROOT));
        }
    }

    @Property
    void aTextFilterIsBoundedWithoutControlCharactersOrRefusedByName(@ForAll("hostile") String raw) {
        String queue = parsedOrRefused("queue", raw, () -> RequestParameters.text("queue", raw));
        if (queue != null) {
            assertThat(queue).isEqualTo(raw.strip()).hasSizeLessThanOrEqualTo(RequestParameters.MAX_TEXT_LENGTH);
            assertThat(queue.chars().noneMatch(Character::isISOControl)).isTrue();
        }
        String key = parsedOrRefused("threadKey", raw, () -> RequestParameters.threadKey(raw));
        if (key != null) {
            assertThat(key.chars().noneMatch(Character::isISOControl)).isTrue();
        }
    }

    @Property
    void anIdentifierIsNormalizedOrRefusedByName(@ForAll("identifierLike") String raw, @ForAll IdentifierType type) {
        String parameter = switch (type) {
            case PHONE -> "phone";
            case EMAIL -> "email";
            case SHOP_CUSTOMER_ID -> "shopCustomerId";
            case CHAT_VISITOR_ID -> "chatVisitorId";
        };
        Supplier<String> parsing = () -> RequestParameters.identifier(NORMALIZER, parameter, type, raw);
        String normalized = parsedOrRefused(parameter, raw, parsing);
        if (normalized != null) {
            assertThat(normalized.chars().noneMatch(Character::isISOControl)).isTrue();
        } else {
            assertThat(refused(parameter, raw, parsing)).as("a lookup gets an identifier or a refusal, never null").isTrue();
        }
    }

    @Property
    void aTimeIsWithinTheStoresRangeOrRefusedByName(@ForAll("instants") Instant time) {
        Instant read = parsedOrRefused("from", time.toString(), () -> RequestParameters.instant("from", time));
        if (read != null) {
            assertThat(read).isEqualTo(time).isBetween(RequestParameters.EARLIEST, RequestParameters.LATEST);
        }
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
            MESSAGES.computeIfAbsent(parameter, p -> ConcurrentHashMap.newKeySet()).add(refused.getMessage());
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
    @AfterContainer
    static void messagesQuoteNothing() {
        MESSAGES.forEach((parameter, messages) -> assertThat(messages).as("refusals of %s", parameter).hasSizeLessThanOrEqualTo(12));
    }

    private static boolean isBlank(String raw) {
        return raw == null || raw.isBlank();
    }

    // --- generators: whole-range strings, and strings near the valid forms, where mistakes hide -------------------

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300),
                Arbitraries.strings().withChars("\u0000\r\n\t\u202e\u200b\ufeff<>\"'%&;/\\.").ofMaxLength(40),
                Arbitraries.strings().ofMinLength(250).ofMaxLength(3000),
                Arbitraries.of("", " ", "\u00a0", "../", "%00", "null", "<script>window.__pwned=1</script>", "${jndi:ldap://x/a}"));
    }

    @Provide
    Arbitrary<String> uuidLike() {
        Arbitrary<String> canonical = Arbitraries.create(UUID::randomUUID).map(UUID::toString);
        return Arbitraries.oneOf(canonical, canonical.map(String::toUpperCase), mutated(canonical), hostile(),
                Arbitraries.of("1-1-1-1-1", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-fffffffffffff"));
    }

    @Provide
    Arbitrary<String> numberLike() {
        Arbitrary<String> numbers = Arbitraries.longs().map(String::valueOf);
        return Arbitraries.oneOf(numbers, Arbitraries.integers().between(-5, 500).map(String::valueOf), mutated(numbers),
                Arbitraries.strings().withChars("0123456789+-.eExX ").ofMaxLength(25), hostile(),
                Arbitraries.of("99999999999999999999", "2147483647", "2147483648", "-2147483648", "1e3", "0x10", "NaN", "Infinity"));
    }

    @Provide
    Arbitrary<String> cursorLike() {
        Arbitrary<String> issued = positions().map(TimelineCursor::encode);
        Arbitrary<String> forged = Combinators.combine(Arbitraries.of("v1", "v2", "", "V1"), hostile(), hostile())
                .as((version, time, id) -> base64(version + "|" + time + "|" + id));
        Arbitrary<String> garbage = Arbitraries.strings().all().ofMaxLength(200).map(RequestParsingPropertiesTest::base64);
        return Arbitraries.oneOf(issued, mutated(issued), forged, garbage, hostile(),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/").ofMaxLength(700));
    }

    @Provide
    Arbitrary<TimelineCursor> positions() {
        return Combinators.combine(instants(), Arbitraries.create(UUID::randomUUID)).as(TimelineCursor::new);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()).map(Instant::ofEpochSecond),
                Arbitraries.longs().between(-100_000_000_000L, 300_000_000_000L).map(Instant::ofEpochSecond),
                Arbitraries.of(Instant.MIN, Instant.MAX, Instant.EPOCH, RequestParameters.EARLIEST, RequestParameters.LATEST,
                        RequestParameters.EARLIEST.minusNanos(1), RequestParameters.LATEST.plusNanos(1)));
    }

    @Provide
    Arbitrary<String> enumLike() {
        Arbitrary<String> names = Arbitraries.of("EMAIL", "phone", " Chat ", "webShop", "OPEN", "closed", "CANCELLED", "OTHER");
        return Arbitraries.oneOf(names, mutated(names), hostile(),
                names.map(name -> name.replace('I', '\u0130')), names.map(name -> name.toLowerCase(Locale.forLanguageTag("tr"))));
    }

    @Provide
    Arbitrary<String> identifierLike() {
        Arbitrary<String> emails = Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20)).as((local, domain) -> local + "@" + domain + ".com");
        Arbitrary<String> phones = Arbitraries.strings().withChars("0123456789 +-()").ofMinLength(1).ofMaxLength(25);
        return Arbitraries.oneOf(emails, mutated(emails), phones, mutated(phones), hostile());
    }

    /** A valid-looking value with one character inserted, replaced or removed, or cut short. */
    private static Arbitrary<String> mutated(Arbitrary<String> valid) {
        Arbitrary<Character> anyChar = Arbitraries.oneOf(Arbitraries.chars().all(), Arbitraries.chars().with('\u0000', '\r', '\n', '|', '%'));
        return Combinators.combine(valid, Arbitraries.integers().between(0, 1000), anyChar, Arbitraries.integers().between(0, 3))
                .as((value, position, character, kind) -> {
                    int at = value.isEmpty() ? 0 : position % value.length();
                    return switch (kind) {
                        case 0 -> value.substring(0, at) + character + value.substring(at);
                        case 1 -> value.isEmpty() ? String.valueOf(character) : value.substring(0, at) + character + value.substring(at + 1);
                        case 2 -> value.isEmpty() ? value : value.substring(0, at) + value.substring(at + 1);
                        default -> value.substring(0, at);
                    };
                });
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
