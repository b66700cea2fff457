package io.omnirouter.history.search.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.omnirouter.identifiers.IdentifierNormalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the one search box reads what was typed (issue 14): every reading a text allows, normalized as the lookup. */
class CustomerQueryTest {

    private static final IdentifierNormalizer SI = new IdentifierNormalizer("SI");

    @ParameterizedTest(name = "''{0}'' is looked up as {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            ' Ana.Novak@Example.COM '   | EMAIL=ana.novak@example.com
            'ana.novak @ example.com'   | EMAIL=ana.novak@example.com
            '041 123 456'               | PHONE=+38641123456
            '+386 41 123 456'           | PHONE=+38641123456
            '00386 (41) 123-456'        | PHONE=+38641123456
            '041/123.456'               | PHONE=+38641123456
            'Instagram:@Ana.Novak'      | SOCIAL_HANDLE=instagram:ana.novak
            'whatsapp: 38641123456'     | SOCIAL_HANDLE=whatsapp:38641123456
            """)
    void anIdentifierIsReadAsTheLookupReadsItsType(String typed, String expected) {
        String[] typeAndValue = expected.split("=", 2);
        assertThat(CustomerQuery.interpret(typed, SI).exactKeys())
                .contains(new ExactKey(MatchedBy.valueOf(typeAndValue[0]), typeAndValue[1]));
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(delimiter = '|', textBlock = """
            'ana.novak@example.com'  | EMAIL SHOP_CUSTOMER_ID ORDER_ID CHAT_VISITOR_ID
            '041 123 456'            | PHONE SHOP_CUSTOMER_ID ORDER_ID CHAT_VISITOR_ID
            'ORD-1042'               | SHOP_CUSTOMER_ID ORDER_ID CHAT_VISITOR_ID NAME
            '10234'                  | PHONE SHOP_CUSTOMER_ID ORDER_ID CHAT_VISITOR_ID
            'instagram:ana'          | SHOP_CUSTOMER_ID ORDER_ID CHAT_VISITOR_ID SOCIAL_HANDLE
            '@ana'                   | SHOP_CUSTOMER_ID ORDER_ID CHAT_VISITOR_ID
            'novak'                  | SHOP_CUSTOMER_ID ORDER_ID CHAT_VISITOR_ID NAME
            'Ana Nováková'           | SHOP_CUSTOMER_ID ORDER_ID CHAT_VISITOR_ID NAME
            '1-800-FLOWERS'          | SHOP_CUSTOMER_ID ORDER_ID CHAT_VISITOR_ID NAME
            'an'                     | SHOP_CUSTOMER_ID ORDER_ID CHAT_VISITOR_ID
            '12'                     | SHOP_CUSTOMER_ID ORDER_ID CHAT_VISITOR_ID
            """)
    void aTextIsReadEveryWayItCanBeExactOnesStrongestFirst(String typed, String readings) {
        CustomerQuery query = CustomerQuery.interpret(typed, SI);

        List<String> read = query.exactKeys().stream().map(key -> key.matchedBy().name()).collect(Collectors.toList());
        if (query.searchesNames()) {
            read.add(MatchedBy.NAME.name());
        }
        assertThat(read).containsExactlyElementsOf(Arrays.asList(readings.split(" ")));
    }

    @Test
    void aSocialHandleWithoutItsPlatformIsNoHandle() {
        assertThat(CustomerQuery.interpret("@ana", SI).exactKeys()).extracting(ExactKey::matchedBy).doesNotContain(MatchedBy.SOCIAL_HANDLE);
    }

    @Test
    void lettersAreNeverReadAsAPhoneNumber() {
        assertThat(CustomerQuery.interpret("1-800-FLOWERS", SI).exactKeys()).extracting(ExactKey::matchedBy).doesNotContain(MatchedBy.PHONE);
    }

    @Test
    void idsAreTheTextAsTypedTrimmed() {
        assertThat(CustomerQuery.interpret("  ORD-1042 ", SI).exactKeys()).containsExactly(
                new ExactKey(MatchedBy.SHOP_CUSTOMER_ID, "ORD-1042"), new ExactKey(MatchedBy.ORDER_ID, "ORD-1042"),
                new ExactKey(MatchedBy.CHAT_VISITOR_ID, "ORD-1042"));
    }

    @ParameterizedTest(name = "''{0}'' searches names containing {1}")
    @CsvSource(delimiter = '|', textBlock = """
            'novak'                 | novak
            '  Ana   Nováková '     | Ana,Nováková
            'ana ANA novak'         | ana,novak
            'Ana N'                 | Ana,N
            'Anne-Marie O''Brien'   | Anne-Marie,O'Brien
            """)
    void aNameIsItsDistinctWords(String typed, String words) {
        assertThat(CustomerQuery.interpret(typed, SI).nameWords()).containsExactly(words.split(","));
    }

    @Test
    void anAccentTypedAsACombiningMarkIsTheLetter() {
        assertThat(CustomerQuery.interpret("Nova\u0301kova\u0301", SI).nameWords()).containsExactly("Nováková");
    }

    @ParameterizedTest(name = "''{0}'' is no name")
    @CsvSource(delimiter = '|', textBlock = """
            'ana@example.com'
            'instagram:ana'
            '041 123 456'
            'an'
            'a b c d'
            'one two three four five six seven eight nine'
            """)
    void someTextsAreNoName(String typed) {
        assertThat(CustomerQuery.interpret(typed, SI).searchesNames()).isFalse();
    }

    /**
     * Whatever the API lets through (1 to 200 characters, no control characters), the query is read without an error, and
     * every exact key is a fixed point of the normalizer: it can be found in the index as the router stored it.
     */
    @Test
    void anyTextTheApiTakesIsReadAndItsKeysAreNormalized() {
        Map<MatchedBy, io.omnirouter.identifiers.IdentifierType> typeOf = Arrays.stream(MatchedBy.values())
                .filter(match -> match.identifierType().isPresent())
                .collect(Collectors.toMap(match -> match, match -> match.identifierType().orElseThrow()));
        qt().withExamples(2_000).forAll(strings().basicMultilingualPlaneAlphabet().ofLengthBetween(1, CustomerQuery.MAX_LENGTH))
                .assuming(text -> !text.isBlank() && text.chars().noneMatch(Character::isISOControl))
                .checkAssert(text -> CustomerQuery.interpret(text, SI).exactKeys().stream()
                        .filter(key -> typeOf.containsKey(key.matchedBy()))
                        .forEach(key -> assertThat(SI.normalize(typeOf.get(key.matchedBy()), key.value())).contains(key.value())));
    }

    @Test
    void whatWasTypedIsNeverInItsDescription() {
        assertThat(CustomerQuery.interpret("ana.novak@example.com", SI).toString()).doesNotContain("ana", "novak", "example");
    }
}
