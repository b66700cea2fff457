package io.omnirouter.history.search.model;

import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.identifiers.IdentifierType;
import io.omnirouter.identifiers.InvalidIdentifierException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an agent typed into the one search box, understood: every way it can name a customer. Nobody chooses an
 * identifier type first (issue 14: an e-mail address typed with "Phone" selected was refused as an unparseable phone
 * number); instead each reading that the text allows is tried, and a customer matching any of them is found.
 *
 * <p>The readings, each normalized exactly as {@code GET /api/customers/lookup} normalizes ({@link IdentifierNormalizer},
 * the router's rules), so that what the lookup finds the search finds:
 * <ul>
 *   <li>{@link MatchedBy#EMAIL}: the text with its white space removed (an address has none; "ana.novak @ example.com"
 *       is one typed loosely), when it holds one {@code @} and normalizes as an e-mail address;</li>
 *   <li>{@link MatchedBy#PHONE}: a text of digits (at least {@value #MIN_PHONE_DIGITS}), spaces and {@code + - ( ) . /}
 *       only, that is a possible number, national ones read in the default region ("041 123 456" in SI is
 *       +38641123456). Letters are never read as a phone number, although libphonenumber would take "1-800-FLOWERS";</li>
 *   <li>{@link MatchedBy#SOCIAL_HANDLE}: {@code <platform>:<handle>}, any case, {@code @} optional
 *       ({@code Instagram:@Ana}). A handle without its platform ({@code @ana}) is not one: the same handle on two
 *       platforms is two people;</li>
 *   <li>{@link MatchedBy#SHOP_CUSTOMER_ID}, {@link MatchedBy#CHAT_VISITOR_ID} and {@link MatchedBy#ORDER_ID}: the text
 *       itself (trimmed, invisible characters removed, NFC), whatever it looks like, since ids have no form of their own
 *       ("10234" may be a shop id and a phone number's tail);</li>
 *   <li>{@link MatchedBy#NAME}: the words of a text that holds a letter, neither {@code @} nor {@code :} (then it is an
 *       address or a handle, not a name), at most {@value #MAX_NAME_WORDS} words, at least one of them
 *       {@value #MIN_NAME_WORD_LENGTH} characters long: a customer matches when every word is a part of one name a
 *       contact gave, accents and case aside ("novak" and "NOVÁK" find "Ana Nováková", "ana nov" too). Shorter
 *       queries would match nearly everyone, and a trigram index cannot serve a part shorter than three characters
 *       (V37__customer_search.sql).</li>
 * </ul>
 * A text may be read several ways at once; exact readings are answered before names ({@code SearchingCustomers}).
 *
 * @param exactKeys strongest first ({@link MatchedBy}'s order), each once
 * @param nameWords the words a name must contain, in NFC, as typed (folding is the database's: search_fold); empty when
 *                  the text is no name
 */
public record CustomerQuery(List<ExactKey> exactKeys, List<String> nameWords) {

    /** What the search box takes; a longer text is refused, not cut (the API answers 400). */
    public static final int MAX_LENGTH = 200;
    static final int MIN_PHONE_DIGITS = 3;
    static final int MIN_NAME_WORD_LENGTH = 3;
    static final int MAX_NAME_WORDS = 8;

    private static final Pattern PHONE_LIKE = Pattern.compile("[0-9+()./\\-\\s\\u00A0]+");
    private static final Pattern SOCIAL_HANDLE_LIKE = Pattern.compile("[A-Za-z0-9]+:.+");
    private static final Pattern WHITE_SPACE = Pattern.compile("[\\s\\p{Zs}]+");

    public CustomerQuery {
        exactKeys = List.copyOf(exactKeys);
        nameWords = List.copyOf(nameWords);
    }

    /**
     * @param typed what the agent typed: not blank, at most {@link #MAX_LENGTH} characters, no control characters (the
     *              API refuses others before)
     */
    public static CustomerQuery interpret(String typed, IdentifierNormalizer normalizer) {
        Objects.requireNonNull(typed, "typed");
        String text = typed.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a query is 1 to " + MAX_LENGTH + " characters besides white space");
        }
        Map<ExactKey, Boolean> keys = new LinkedHashMap<>();
        String compact = WHITE_SPACE.matcher(text).replaceAll("");
        if (compact.indexOf('@') >= 0 && compact.indexOf('@') == compact.lastIndexOf('@')) {
            identifier(normalizer, IdentifierType.EMAIL, compact).ifPresent(key -> keys.put(key, true));
        }
        if (PHONE_LIKE.matcher(text).matches() && text.chars().filter(Character::isDigit).count() >= MIN_PHONE_DIGITS) {
            identifier(normalizer, IdentifierType.PHONE, text).ifPresent(key -> keys.put(key, true));
        }
        identifier(normalizer, IdentifierType.SHOP_CUSTOMER_ID, text).ifPresent(key -> keys.put(key, true));
        // An order id is an id like the shop's: the router keeps it as sent, trimmed.
        identifier(normalizer, IdentifierType.SHOP_CUSTOMER_ID, text)
                .ifPresent(key -> keys.put(new ExactKey(MatchedBy.ORDER_ID, key.value()), true));
        identifier(normalizer, IdentifierType.CHAT_VISITOR_ID, text).ifPresent(key -> keys.put(key, true));
        if (SOCIAL_HANDLE_LIKE.matcher(text).matches()) {
            identifier(normalizer, IdentifierType.SOCIAL_HANDLE, text).ifPresent(key -> keys.put(key, true));
        }
        List<ExactKey> exact = new ArrayList<>(keys.keySet());
        exact.sort((a, b) -> a.matchedBy().compareTo(b.matchedBy()));
        return new CustomerQuery(exact, nameWords(text));
    }

    /** Whether the text can be read as a name at all. */
    public boolean searchesNames() {
        return !nameWords.isEmpty();
    }

    private static Optional<ExactKey> identifier(IdentifierNormalizer normalizer, IdentifierType type, String text) {
        try {
            return normalizer.normalize(type, text)
                    // Ids are only trimmed by the normalizer: one with a control character is in no index.
                    .filter(value -> value.chars().noneMatch(Character::isISOControl))
                    .map(value -> new ExactKey(MatchedBy.of(type), value));
        } catch (InvalidIdentifierException e) {
            return Optional.empty();
        }
    }

    private static List<String> nameWords(String text) {
        if (text.indexOf('@') >= 0 || text.indexOf(':') >= 0 || text.codePoints().noneMatch(Character::isLetter)) {
            return List.of();
        }
        Map<String, String> words = new LinkedHashMap<>();
        for (String word : WHITE_SPACE.split(text)) {
            if (word.isEmpty()) {
                continue;
            }
            String composed = Normalizer.normalize(word, Normalizer.Form.NFC);
            words.putIfAbsent(composed.toLowerCase(Locale.ROOT), composed);
        }
        if (words.size() > MAX_NAME_WORDS
                || words.values().stream().noneMatch(word -> word.codePointCount(0, word.length()) >= MIN_NAME_WORD_LENGTH)) {
            return List.of();
        }
        return List.copyOf(words.values());
    }

    /** Never what was typed: it is personal data, and records end up in logs. */
    @Override
    public String toString() {
        return "CustomerQuery[" + exactKeys + ", " + nameWords.size() + " name words]";
    }
}
