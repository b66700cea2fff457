package io.omnirouter.identifiers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one normalizer of customer identifiers, used by the router when it ingests events and by the
 * history service when an agent looks a customer up, so both sides always agree on a key.
 *
 * <p>First, for every type, the value is made what an agent would read:
 * <ol>
 *   <li>format characters (Unicode category Cf: zero-width space, joiners, U+FEFF, soft hyphen, the
 *       bidirectional overrides and isolates such as U+202E) are removed: they render as nothing or only
 *       reorder what is shown, so {@code "a\u200Bb@x.com"} is the customer {@code "ab@x.com"}, and an
 *       override cannot show an agent another id than the one stored;</li>
 *   <li>white space at either end is trimmed, including no-break and ideographic spaces;</li>
 *   <li>a control character (Cc: NUL, ESC, DEL, C1 controls, a tab or line break inside the value; also the
 *       line and paragraph separators U+2028, U+2029) or an
 *       unpaired surrogate (not Unicode) rejects the value, because no real identifier carries one and
 *       guessing which part was meant would attribute contacts to the wrong customer;</li>
 *   <li>the text is composed (Unicode NFC), so that an accent typed as a combining mark is the same
 *       customer as the precomposed letter;</li>
 *   <li>a value that was present but consists of nothing else is rejected (absent is only null or blank).</li>
 * </ol>
 * Then per type:
 * <ul>
 *   <li>phone: E.164 via libphonenumber; national numbers are read in the configured default region;
 *       a number must be a <em>possible</em> number for its region (length and prefix), not necessarily
 *       an assigned one, because numbering plans change faster than libphonenumber releases;</li>
 *   <li>email: lower-cased, no provider-specific rewriting (dots, plus tags stay);</li>
 *   <li>shop customer id and chat visitor id: nothing more;</li>
 *   <li>social handle: {@code <platform>:<handle>}, lower-cased (platforms treat handles case-insensitively), the
 *       platform a plain name of letters and digits, the handle without leading {@code @} and without white space.</li>
 * </ul>
 * A result is at most {@value #MAX_LENGTH} characters and a fixed point: normalizing it again returns it
 * unchanged, so a lookup of a stored identifier finds it. Rejections are {@link InvalidIdentifierException}s
 * whose reason never quotes the value.
 */
public final class IdentifierNormalizer {

    /** Longer values are garbage, not identifiers (RFC 5321 caps a mailbox at 254 characters). */
    static final int MAX_LENGTH = 254;
    /**
     * Longer raw values are rejected before they are read: even if all but 254 of their characters were
     * invisible, an adapter that pads an identifier to this size is not sending an identifier.
     */
    static final int MAX_RAW_LENGTH = 4 * MAX_LENGTH;

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 region used for national phone numbers, e.g. {@code "SI"} */
    public IdentifierNormalizer(String defaultRegion) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        if (!phones.getSupportedRegions().contains(defaultRegion.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("default phone region '" + defaultRegion
                    + "' is not an ISO 3166 region known to libphonenumber (e.g. SI, DE, US)");
        }
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /**
     * @return the normalized identifier, or empty when {@code raw} is null or blank (absent)
     * @throws InvalidIdentifierException when a value is present but cannot be an identifier of that type
     */
    public Optional<String> normalize(IdentifierType type, String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        // Checked before any work too, so that a megabyte of garbage costs one pass, not a parse.
        if (raw.length() > MAX_RAW_LENGTH) {
            throw tooLong(type);
        }
        String visible = visible(type, raw);
        if (visible.length() > MAX_LENGTH) {
            throw tooLong(type);
        }
        String normalized = switch (type) {
            case PHONE -> phone(visible);
            case EMAIL -> email(visible);
            case SHOP_CUSTOMER_ID, CHAT_VISITOR_ID -> visible;
            case SOCIAL_HANDLE -> socialHandle(visible);
        };
        // Lower-casing can lengthen a text ('İ' becomes "i̇"): the bound holds for the result, so that it is a fixed point.
        if (normalized.length() > MAX_LENGTH) {
            throw tooLong(type);
        }
        return Optional.of(normalized);
    }

    /** Steps 1 to 5 of the class comment. */
    private static String visible(IdentifierType type, String raw) {
        StringBuilder kept = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (Character.getType(c) != Character.FORMAT) {
                kept.appendCodePoint(c);
            }
        }
        int start = 0;
        int end = kept.length();
        while (start < end && isSpace(kept.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(kept.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            throw new InvalidIdentifierException(type, "nothing but invisible characters and white space");
        }
        String trimmed = kept.substring(start, end);
        for (int i = 0; i < trimmed.length(); ) {
            int c = trimmed.codePointAt(i);
            i += Character.charCount(c);
            int category = Character.getType(c);
            // U+2028 and U+2029 break lines as CR/LF do (in a log line, a header, the console).
            if (category == Character.CONTROL || category == Character.LINE_SEPARATOR || category == Character.PARAGRAPH_SEPARATOR) {
                throw new InvalidIdentifierException(type, String.format("contains the control character U+%04X", c));
            }
            // codePointAt returns a lone surrogate as itself; a valid pair is one supplementary code point.
            if (category == Character.SURROGATE) {
                throw new InvalidIdentifierException(type, "contains an unpaired surrogate, not valid Unicode");
            }
        }
        return Normalizer.normalize(trimmed, Normalizer.Form.NFC);
    }

    private static String socialHandle(String visible) {
        String lower = visible.toLowerCase(Locale.ROOT);
        int colon = lower.indexOf(':');
        if (colon <= 0) {
            throw new InvalidIdentifierException(IdentifierType.SOCIAL_HANDLE, "is not '<platform>:<handle>'");
        }
        String platform = lower.substring(0, colon);
        if (!platform.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            throw new InvalidIdentifierException(IdentifierType.SOCIAL_HANDLE, "names its platform with other characters than a-z and 0-9");
        }
        int start = colon + 1;
        while (start < lower.length() && (lower.charAt(start) == '@' || isSpace(lower.charAt(start)))) {
            start++;
        }
        String handle = lower.substring(start);
        if (handle.isEmpty()) {
            throw new InvalidIdentifierException(IdentifierType.SOCIAL_HANDLE, "has no handle after its platform");
        }
        if (handle.chars().anyMatch(c -> isSpace((char) c))) {
            throw new InvalidIdentifierException(IdentifierType.SOCIAL_HANDLE, "contains white space in its handle");
        }
        return platform + ':' + handle;
    }

    // String.strip() trims Character.isWhitespace only, which leaves no-break and figure spaces (Zs) in place.
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static InvalidIdentifierException tooLong(IdentifierType type) {
        return new InvalidIdentifierException(type, "longer than " + MAX_LENGTH + " characters");
    }

    private String phone(String raw) {
        try {
            PhoneNumber number = phones.parse(raw, defaultRegion);
            if (!phones.isPossibleNumber(number)) {
                throw new InvalidIdentifierException(IdentifierType.PHONE,
                        "not a possible phone number (default region " + defaultRegion + ")");
            }
            String e164 = phones.format(number, PhoneNumberFormat.E164);
            // libphonenumber strips a national trunk prefix again when it reads some E.164 forms back
            // ("0000000" in SI is +386000000, which reads as +38600000): such a number has no one key, so a
            // lookup by the stored value would find another customer. Real numbers read back as themselves.
            if (!e164.equals(phones.format(phones.parse(e164, defaultRegion), PhoneNumberFormat.E164))) {
                throw new InvalidIdentifierException(IdentifierType.PHONE,
                        "not a phone number with one E.164 form (default region " + defaultRegion + ")");
            }
            return e164;
        } catch (NumberParseException e) {
            throw new InvalidIdentifierException(IdentifierType.PHONE,
                    "unparseable phone number: " + e.getErrorType());
        }
    }

    private static String email(String raw) {
        // Lower-casing can decompose ('İ' becomes 'i' and a combining dot): composed again, as every result is.
        String email = Normalizer.normalize(raw.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1 || email.indexOf('@') != at) {
            throw new InvalidIdentifierException(IdentifierType.EMAIL, "not of the form local@domain");
        }
        if (email.chars().anyMatch(c -> isSpace((char) c))) {
            throw new InvalidIdentifierException(IdentifierType.EMAIL, "contains white space");
        }
        if (!email.substring(at + 1).contains(".") && !email.endsWith("@localhost")) {
            throw new InvalidIdentifierException(IdentifierType.EMAIL, "domain has no dot");
        }
        return email;
    }
}
