package io.omnirouter.identifiers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one normalizer of customer identifiers, used by the router when it ingests events and by the
 * history service when an agent looks a customer up, so both sides always agree on a key.
 *
 * <ul>
 *   <li>phone: E.164 via libphonenumber; national numbers are read in the configured default region;
 *       a number must be a <em>possible</em> number for its region (length and prefix), not necessarily
 *       an assigned one, because numbering plans change faster than libphonenumber releases;</li>
 *   <li>email: trimmed and lower-cased, no provider-specific rewriting (dots, plus tags stay);</li>
 *   <li>shop customer id and chat visitor id: trimmed.</li>
 * </ul>
 * A value with a control or invisible character inside ({@link InvisibleCharacters}) is no identifier of any type.
 */
public final class IdentifierNormalizer {

    /** Longer values are garbage, not identifiers (RFC 5321 caps a mailbox at 254 characters). */
    static final int MAX_LENGTH = 254;

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
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new InvalidIdentifierException(type, "longer than " + MAX_LENGTH + " characters");
        }
        // "ana\u200b@example.com" would be another customer that looks like Ana; a NUL cannot even be stored.
        InvisibleCharacters.firstIn(trimmed).ifPresent(codePoint -> {
            throw new InvalidIdentifierException(type, "contains the control or invisible character "
                    + InvisibleCharacters.describe(codePoint));
        });
        return Optional.of(switch (type) {
            case PHONE -> phone(trimmed);
            case EMAIL -> email(trimmed);
            case SHOP_CUSTOMER_ID, CHAT_VISITOR_ID -> trimmed;
        });
    }

    private String phone(String raw) {
        try {
            PhoneNumber number = phones.parse(raw, defaultRegion);
            if (!phones.isPossibleNumber(number)) {
                throw new InvalidIdentifierException(IdentifierType.PHONE,
                        "not a possible phone number (default region " + defaultRegion + ")");
            }
            return phones.format(number, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidIdentifierException(IdentifierType.PHONE,
                    "unparseable phone number: " + e.getErrorType());
        }
    }

    private static String email(String raw) {
        String email = raw.toLowerCase(Locale.ROOT);
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1 || email.indexOf('@') != at) {
            throw new InvalidIdentifierException(IdentifierType.EMAIL, "not of the form local@domain");
        }
        if (email.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidIdentifierException(IdentifierType.EMAIL, "contains white space");
        }
        if (!email.substring(at + 1).contains(".") && !email.endsWith("@localhost")) {
            throw new InvalidIdentifierException(IdentifierType.EMAIL, "domain has no dot");
        }
        return email;
    }
}
