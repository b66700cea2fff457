package io.omnirouter.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

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

    @Test
    void anyTextIsANormalizedIdentifierOrARejection() {
        qt().forAll(types(), hostileText()).checkAssert((type, raw) -> {
            Optional<String> normalized = normalizeOrRejection(type, raw);

            normalized.ifPresent(value -> assertClean(type, value));
        });
    }

    @Test
    void phonesOfEveryLengthAreE164OrRejected() {
        qt().forAll(phones()).checkAssert(raw -> normalizeOrRejection(IdentifierType.PHONE, raw).ifPresent(value -> {
            assertClean(IdentifierType.PHONE, value);
            // E.164 digits: a country code and a national number of at most 17 digits (libphonenumber allows Japan's 17).
            assertThat(value).matches("\\+[1-9][0-9]{1,19}");
        }));
    }

    @Test
    void emailsUpToThreeHundredCharactersAreLowerCaseMailboxesOrRejected() {
        qt().forAll(emails()).checkAssert(raw -> normalizeOrRejection(IdentifierType.EMAIL, raw).ifPresent(value -> {
            assertClean(IdentifierType.EMAIL, value);
            assertThat(value.length()).isLessThanOrEqualTo(IdentifierNormalizer.MAX_LENGTH);
            assertThat(value.indexOf('@')).isPositive().isEqualTo(value.lastIndexOf('@'));
        }));
    }

    /** "a\u200Bb@x.com" and "ab@x.com" are one customer: invisible characters never split an identity. */
    @Test
    void invisibleCharactersDoNotMakeAnotherCustomer() {
        qt().forAll(types(), plausible(), invisibleInsertions()).checkAssert((type, raw, insertion) -> {
            String disguised = insertion.into(raw);

            assertThat(outcome(type, disguised)).isEqualTo(outcome(type, raw));
        });
    }

    /** A control character is never silently kept nor silently dropped from the middle of an identifier. */
    @Test
    void anEmbeddedControlCharacterIsRejected() {
        qt().forAll(types(), plausible(), controlInsertions()).checkAssert((type, raw, insertion) -> {
            String hostile = insertion.intoInterior(raw);

            assertThatThrownBy(() -> normalizer.normalize(type, hostile))
                    .isInstanceOf(InvalidIdentifierException.class)
                    .hasMessageContaining("control character");
        });
    }

    @Test
    void aZeroWidthSpaceInAnEmailIsTheSameCustomer() {
        assertThat(normalizer.normalize(IdentifierType.EMAIL, "a\u200Bb@x.com")).contains("ab@x.com");
    }

    @Test
    void aRightToLeftOverrideCannotShowAgentsAnotherId() {
        assertThat(normalizer.normalize(IdentifierType.SHOP_CUSTOMER_ID, "C-\u202E1001")).contains("C-1001");
    }

    @Test
    void aNulInAPhoneNumberIsRejectedNotParsedAround() {
        assertThatThrownBy(() -> normalizer.normalize(IdentifierType.PHONE, "+38641123456\u0000"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("PHONE identifier rejected: contains the control character U+0000");
    }

    @Test
    void anIdOfInvisibleCharactersOnlyIsRejectedNotStoredAsAnInvisibleCustomer() {
        assertThatThrownBy(() -> normalizer.normalize(IdentifierType.CHAT_VISITOR_ID, "\u200B\u00A0\uFEFF"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("CHAT_VISITOR_ID identifier rejected: nothing but invisible characters and white space");
    }

    @Test
    void noBreakSpacesAroundAnIdAreTrimmedLikeSpaces() {
        assertThat(normalizer.normalize(IdentifierType.SHOP_CUSTOMER_ID, "\u00A0C-1001\u3000")).contains("C-1001");
    }

    /** Lower-casing 'İ' gives two characters: 254 of them must not become a 508-character "normalized" email. */
    @Test
    void anEmailThatLowerCasingLengthensIsStillAFixedPoint() {
        String raw = "\u0130".repeat(200) + "@example.com";

        assertThat(outcome(IdentifierType.EMAIL, raw)).satisfiesAnyOf(
                result -> assertThat(result).isEqualTo("rejected"),
                result -> assertThat(outcome(IdentifierType.EMAIL, result)).isEqualTo(result));
    }

    /** Found by phonesOfEveryLengthAreE164OrRejected: "0000000" was stored as +386000000, which reads back as +38600000. */
    @Test
    void aNumberWithoutOneE164FormIsRejected() {
        assertThatThrownBy(() -> normalizer.normalize(IdentifierType.PHONE, "0000000"))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessage("PHONE identifier rejected: not a phone number with one E.164 form (default region SI)");
    }

    @Test
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

    private static Gen<IdentifierType> types() {
        return Generate.enumValues(IdentifierType.class);
    }

    private static Gen<String> hostileText() {
        Gen<Character> nasty = Generate.frequency(
                Pair.of(4, anyChar()),
                Pair.of(2, pick(INVISIBLE)),
                Pair.of(2, pick(CONTROL)),
                Pair.of(2, pick(SPACES)),
                Pair.of(1, range('\u0300', '\u036F')),
                Pair.of(1, pick('\u0130', '\u00DF', '\u212A', '\uFB03', '\u01C5', '\u03A3')),
                Pair.of(6, pick("abcxyzABC0123456789+-.@ ()".toCharArray())));
        Gen<String> small = textOf(nasty, 0, 40);
        // A megabyte of something: the length limit must hold before any expensive parsing.
        Gen<String> huge = textOf(nasty, 1, 40).map(s -> s.repeat(1 + 1_000_000 / s.length()));
        return Generate.frequency(
                Pair.of(40, small),
                Pair.of(40, plausible()),
                Pair.of(1, huge),
                Pair.of(5, textOf(anyChar(), 0, 300)));
    }

    /** 0..40 digits, with or without '+', sometimes with the separators people type. */
    private static Gen<String> phones() {
        Gen<String> digits = textOf(range('0', '9'), 0, 40);
        Gen<String> prefix = Generate.pick(List.of("", "+", "00", "0", " +", "+ "));
        // One separator drawn for the whole number (a flatMap per digit would cost more than the normalizing).
        Gen<String> separator = Generate.pick(List.of("", "", " ", "-", "/", ".", ")"));
        Gen<Integer> every = integers().between(1, 4);
        return prefix.zip(digits, separator, every,
                (p, d, sep, n) -> p + (sep.isEmpty() ? d : String.join(sep, d.split("(?<=\\G.{" + n + "})"))));
    }

    /** Mailboxes up to 300 characters with mixed case, dots, plus tags, Unicode and too many '@'. */
    private static Gen<String> emails() {
        // Long parts repeat a short generated chunk: generating 300 characters one by one is the slow part.
        Gen<String> chunk = textOf(pick("abcXYZ019.+_-\u0130\u00E9\u017E".toCharArray()), 0, 12);
        Gen<String> local = chunk.zip(integers().between(1, 25), String::repeat);
        Gen<String> domain = textOf(pick("abcXYZ019.-\u00FC".toCharArray()), 0, 12);
        Gen<String> topLevel = Generate.pick(List.of(".com", ".si", "", "."));
        Gen<String> at = Generate.pick(List.of("@", "@", "@", "", "@@", "@ "));
        return local.zip(at, domain, integers().between(1, 8), topLevel,
                        (l, a, d, n, t) -> l + a + d.repeat(n) + t)
                .map(e -> e.length() > 300 ? e.substring(0, 300) : e);
    }

    /** Identifiers as adapters usually send them: mails, phones, ids. */
    private static Gen<String> plausible() {
        Gen<String> word = textOf(pick("abcdefXYZ0123456789\u017E\u00E9".toCharArray()), 1, 12);
        return Generate.oneOf(
                word.zip(word, (l, d) -> l + "@" + d + ".com"),
                textOf(range('0', '9'), 6, 12).map(d -> "+386" + d),
                word.map(w -> "C-" + w));
    }

    private static Gen<Insertion> invisibleInsertions() {
        return insertions(pick(INVISIBLE));
    }

    private static Gen<Insertion> controlInsertions() {
        // Interior only: a leading or trailing tab or newline is white space, and trimmed like any.
        Gen<Character> control = Generate.oneOf(pick(CONTROL), pick('\t', '\n', '\r'));
        return insertions(control);
    }

    private static Gen<Insertion> insertions(Gen<Character> chars) {
        return integers().between(0, 300).zip(lists().of(chars).ofSizeBetween(1, 4),
                (position, inserted) -> new Insertion(position, join(inserted)));
    }

    /** Any UTF-16 unit, U+0000 to U+FFFF: lone surrogates and unassigned ones included. */
    private static Gen<Character> anyChar() {
        return range(Character.MIN_VALUE, Character.MAX_VALUE);
    }

    /**
     * The characters {@code from} to {@code to}, all of them: not Generate.characters, which keeps only
     * assigned code points (Character.isDefined) and would never send an unassigned one.
     */
    private static Gen<Character> range(char from, char to) {
        return integers().between(from, to).map(c -> (char) c.intValue());
    }

    private static Gen<Character> pick(char... chars) {
        List<Character> list = new ArrayList<>(chars.length);
        for (char c : chars) {
            list.add(c);
        }
        return Generate.pick(list);
    }

    /** Strings of {@code min} to {@code max} characters, each drawn from {@code chars}. */
    private static Gen<String> textOf(Gen<Character> chars, int min, int max) {
        return lists().of(chars).ofSizeBetween(min, max).map(IdentifierNormalizerProperties::join);
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
