package io.omnirouter.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Hostile identifiers (issue 10): whatever an adapter sends, the normalizer returns a clean identifier
 * or rejects it with {@link InvalidIdentifierException}, and what it returns is a fixed point, so the
 * router (ingestion) and the history service (lookup) always agree on one key per customer.
 */
class IdentifierNormalizerProperties {

    private final IdentifierNormalizer normalizer = new IdentifierNormalizer("SI");

    /** Characters that render as nothing, or reorder what is shown, and so could hide inside an identifier. */
    private static final char[] INVISIBLE = {'\u200B', '\u200C', '\u200D', '\uFEFF', '\u2060', '\u00AD', '\u202E',
            '\u202D', '\u202A', '\u2066', '\u2069', '\u061C', '\u180E'};
    private static final char[] CONTROL = {'\u0000', '\u0001', '\u0007', '\u001B', '\u007F', '\u0085', '\u009B'};
    private static final char[] SPACES = {' ', '\t', '\n', '\r', '\u00A0', '\u2007', '\u202F', '\u3000', '\u2028'};

    @Property
    void anyTextIsANormalizedIdentifierOrARejection(@ForAll IdentifierType type, @ForAll("hostileText") String raw) {
        Optional<String> normalized = normalizeOrRejection(type, raw);

        normalized.ifPresent(value -> assertClean(type, value));
    }

    @Property
    void phonesOfEveryLengthAreE164OrRejected(@ForAll("phones") String raw) {
        normalizeOrRejection(IdentifierType.PHONE, raw).ifPresent(value -> {
            assertClean(IdentifierType.PHONE, value);
            // E.164 digits: a country code and a national number of at most 17 digits (libphonenumber allows Japan's 17).
            assertThat(value).matches("\\+[1-9][0-9]{1,19}");
        });
    }

    @Property
    void emailsUpToThreeHundredCharactersAreLowerCaseMailboxesOrRejected(@ForAll("emails") String raw) {
        normalizeOrRejection(IdentifierType.EMAIL, raw).ifPresent(value -> {
            assertClean(IdentifierType.EMAIL, value);
            assertThat(value.length()).isLessThanOrEqualTo(IdentifierNormalizer.MAX_LENGTH);
            assertThat(value.indexOf('@')).isPositive().isEqualTo(value.lastIndexOf('@'));
        });
    }

    /** "a\u200Bb@x.com" and "ab@x.com" are one customer: invisible characters never split an identity. */
    @Property
    void invisibleCharactersDoNotMakeAnotherCustomer(@ForAll IdentifierType type, @ForAll("plausible") String raw,
                                                     @ForAll("invisibleInsertions") Insertion insertion) {
        String disguised = insertion.into(raw);

        assertThat(outcome(type, disguised)).isEqualTo(outcome(type, raw));
    }

    /** A control character is never silently kept nor silently dropped from the middle of an identifier. */
    @Property
    void anEmbeddedControlCharacterIsRejected(@ForAll IdentifierType type, @ForAll("plausible") String raw,
                                              @ForAll("controlInsertions") Insertion insertion) {
        String hostile = insertion.intoInterior(raw);

        assertThatThrownBy(() -> normalizer.normalize(type, hostile))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageContaining("control character");
    }

    @Example
    void aZeroWidthSpaceInAnEmailIsTheSameCustomer() {
        assertThat(normalizer.normalize(IdentifierType.EMAIL, "a\u200Bb@x.com")).contains("ab@x.com");
    }

    @Example
    void aRightToLeftOverrideCannotShowAgentsAnotherId() {
        assertThat(normalizer.normalize(IdentifierType.SHOP_CUSTOMER_ID, "C-\u202E1001")).contains("C-1001");
    }

    @Example
    void aNulInAPhoneNumberIsRejectedNotParsedAround() {
        assertThatThrownBy(() -> normalizer.normalize(IdentifierType.PHONE, "+38641123456\u0000"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("PHONE identifier rejected: contains the control character U+0000");
    }

    @Example
    void anIdOfInvisibleCharactersOnlyIsRejectedNotStoredAsAnInvisibleCustomer() {
        assertThatThrownBy(() -> normalizer.normalize(IdentifierType.CHAT_VISITOR_ID, "\u200B\u00A0\uFEFF"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("CHAT_VISITOR_ID identifier rejected: nothing but invisible characters and white space");
    }

    @Example
    void noBreakSpacesAroundAnIdAreTrimmedLikeSpaces() {
        assertThat(normalizer.normalize(IdentifierType.SHOP_CUSTOMER_ID, "\u00A0C-1001\u3000")).contains("C-1001");
    }

    /** Lower-casing 'İ' gives two characters: 254 of them must not become a 508-character "normalized" email. */
    @Example
    void anEmailThatLowerCasingLengthensIsStillAFixedPoint() {
        String raw = "\u0130".repeat(200) + "@example.com";

        assertThat(outcome(IdentifierType.EMAIL, raw)).satisfiesAnyOf(
                result -> assertThat(result).isEqualTo("rejected"),
                result -> assertThat(outcome(IdentifierType.EMAIL, result)).isEqualTo(result));
    }

    /** Found by phonesOfEveryLengthAreE164OrRejected: "0000000" was stored as +386000000, which reads back as +38600000. */
    @Example
    void aNumberWithoutOneE164FormIsRejected() {
        assertThatThrownBy(() -> normalizer.normalize(IdentifierType.PHONE, "0000000"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("PHONE identifier rejected: not a phone number with one E.164 form (default region SI)");
    }

    @Example
    void composedAndDecomposedAccentsAreOneCustomer() {
        assertThat(normalizer.normalize(IdentifierType.EMAIL, "jose\u0301@example.com"))
                .isEqualTo(normalizer.normalize(IdentifierType.EMAIL, "jos\u00E9@example.com"));
    }

    /** The value, or empty for an absent one; only the documented rejection may escape. */
    private Optional<String> normalizeOrRejection(IdentifierType type, String raw) {
        try {
            return normalizer.normalize(type, raw);
        } catch (InvalidIdentifierException rejected) {
            assertThat(rejected.type()).isEqualTo(type);
            assertThat(rejected.getMessage()).startsWith(type + " identifier rejected: ");
            return Optional.empty();
        }
    }

    /** A comparable verdict: the normalized value, "absent" or "rejected". */
    private String outcome(IdentifierType type, String raw) {
        try {
            return normalizer.normalize(type, raw).orElse("absent");
        } catch (InvalidIdentifierException rejected) {
            return "rejected";
        }
    }

    private void assertClean(IdentifierType type, String value) {
        assertThat(value).isNotEmpty();
        value.codePoints().forEach(c -> assertThat(Character.getType(c))
                .as("U+%04X in a normalized %s", c, type)
                .isNotIn((int) Character.CONTROL, (int) Character.FORMAT, (int) Character.SURROGATE));
        assertThat(isSpace(value.codePointAt(0))).as("leading white space").isFalse();
        assertThat(isSpace(value.codePointBefore(value.length()))).as("trailing white space").isFalse();
        // Idempotent: what the router stored is what a lookup of the stored value finds.
        assertThat(normalizer.normalize(type, value)).contains(value);
    }

    private static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Where and what to insert into a string; positions wrap so that any string can take it. */
    record Insertion(int position, String inserted) {

        String into(String raw) {
            int at = raw.isEmpty() ? 0 : Math.floorMod(position, raw.length() + 1);
            // Never between the halves of a surrogate pair: that would make the original invalid Unicode.
            if (at > 0 && at < raw.length() && Character.isLowSurrogate(raw.charAt(at))) {
                at--;
            }
            return raw.substring(0, at) + inserted + raw.substring(at);
        }

        /** Between the first and the last character, for a {@code raw} of at least two. */
        String intoInterior(String raw) {
            int at = 1 + Math.floorMod(position, raw.length() - 1);
            if (Character.isLowSurrogate(raw.charAt(at))) {
                at--;
            }
            return raw.substring(0, at) + inserted + raw.substring(at);
        }
    }

    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<Character> nasty = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.chars().all()),
                Tuple.of(2, Arbitraries.of(INVISIBLE)),
                Tuple.of(2, Arbitraries.of(CONTROL)),
                Tuple.of(2, Arbitraries.of(SPACES)),
                Tuple.of(1, Arbitraries.chars().range('\u0300', '\u036F')),
                Tuple.of(1, Arbitraries.of('\u0130', '\u00DF', '\u212A', '\uFB03', '\u01C5', '\u03A3')),
                Tuple.of(6, Arbitraries.of("abcxyzABC0123456789+-.@ ()".toCharArray())));
        Arbitrary<String> small = nasty.list().ofMaxSize(40).map(IdentifierNormalizerProperties::join);
        // A megabyte of something: the length limit must hold before any expensive parsing.
        Arbitrary<String> huge = small.filter(s -> !s.isEmpty()).map(s -> s.repeat(1 + 1_000_000 / s.length()));
        return Arbitraries.frequencyOf(
                Tuple.of(40, small),
                Tuple.of(40, plausible()),
                // Without edge cases: jqwik mixes an arbitrary's edge cases in whatever its weight, and megabytes are slow.
                Tuple.of(1, huge.withoutEdgeCases()),
                Tuple.of(5, Arbitraries.strings().all().ofMaxLength(300)));
    }

    /** 0..40 digits, with or without '+', sometimes with the separators people type. */
    @Provide
    Arbitrary<String> phones() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(40);
        Arbitrary<String> prefix = Arbitraries.of("", "+", "00", "0", " +", "+ ");
        // One separator drawn for the whole number (a flatMap per digit would cost more than the normalizing).
        Arbitrary<String> separator = Arbitraries.of("", "", " ", "-", "/", ".", ")");
        Arbitrary<Integer> every = Arbitraries.integers().between(1, 4);
        return Combinators.combine(prefix, digits, separator, every)
                .as((p, d, sep, n) -> p + (sep.isEmpty() ? d : String.join(sep, d.split("(?<=\\G.{" + n + "})"))));
    }

    /** Mailboxes up to 300 characters with mixed case, dots, plus tags, Unicode and too many '@'. */
    @Provide
    Arbitrary<String> emails() {
        // Long parts repeat a short generated chunk: generating 300 characters one by one is the slow part.
        Arbitrary<String> chunk = Arbitraries.strings().withChars("abcXYZ019.+_-").withChars('\u0130', '\u00E9', '\u017E')
                .ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> local = Combinators.combine(chunk, Arbitraries.integers().between(1, 25)).as(String::repeat);
        Arbitrary<String> domain = Arbitraries.strings().withChars("abcXYZ019.-").withChars('\u00FC')
                .ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> topLevel = Arbitraries.of(".com", ".si", "", ".");
        Arbitrary<String> at = Arbitraries.of("@", "@", "@", "", "@@", "@ ");
        return Combinators.combine(local, at, domain, Arbitraries.integers().between(1, 8), topLevel)
                .as((l, a, d, n, t) -> l + a + d.repeat(n) + t)
                .map(e -> e.length() > 300 ? e.substring(0, 300) : e);
    }

    /** Identifiers as adapters usually send them: mails, phones, ids. */
    @Provide
    Arbitrary<String> plausible() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abcdefXYZ0123456789").withChars('\u017E', '\u00E9')
                .ofMinLength(1).ofMaxLength(12);
        return Arbitraries.oneOf(
                Combinators.combine(word, word).as((l, d) -> l + "@" + d + ".com"),
                Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(12).map(d -> "+386" + d),
                word.map(w -> "C-" + w));
    }

    @Provide
    Arbitrary<Insertion> invisibleInsertions() {
        return insertions(Arbitraries.of(INVISIBLE));
    }

    @Provide
    Arbitrary<Insertion> controlInsertions() {
        // Interior only: a leading or trailing tab or newline is white space, and trimmed like any.
        Arbitrary<Character> control = Arbitraries.oneOf(Arbitraries.of(CONTROL), Arbitraries.of('\t', '\n', '\r'));
        return insertions(control);
    }

    private static Arbitrary<Insertion> insertions(Arbitrary<Character> chars) {
        return Combinators.combine(Arbitraries.integers().between(0, 300), chars.list().ofMinSize(1).ofMaxSize(4))
                .as((position, inserted) -> new Insertion(position, join(inserted)));
    }

    private static String join(List<Character> chars) {
        StringBuilder text = new StringBuilder(chars.size());
        chars.forEach(text::append);
        return text.toString();
    }

    private static String interleave(String digits, List<String> separators) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            text.append(digits.charAt(i)).append(separators.get(i));
        }
        return text.toString();
    }
}
