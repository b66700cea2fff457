package io.omnirouter.router.routing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Hostile ids against thread keys (issue 10): for ids the router accepts (not blank), a key is never blank
 * after its prefix, deterministic, at most {@link ThreadKeys#MAX_KEY_LENGTH} characters (it becomes a Kafka
 * key and a PostgreSQL b-tree entry), valid UTF-16, and a reply maps to its root's key however the headers
 * wrap the ids. The only rejection is an email none of whose ids has content inside its angle brackets.
 */
class ThreadKeysProperties {

    @Property
    void emailKeysAreBoundedNonBlankAndDeterministic(@ForAll("ids") String messageId, @ForAll("maybeIds") String inReplyTo,
                                                     @ForAll("references") List<String> references) {
        String key;
        try {
            key = ThreadKeys.email(messageId, inReplyTo, references);
        } catch (RejectedEventException rejected) {
            assertThat(rejected).hasMessageContaining("no id inside its angle brackets");
            assertThat(List.of(messageId, inReplyTo == null ? "" : inReplyTo)).allMatch(id -> ThreadKeys.messageId(id).isBlank());
            assertThat(references).allMatch(id -> ThreadKeys.messageId(id).isBlank());
            return;
        }

        assertWellFormed(key, "email:");
        assertThat(ThreadKeys.email(messageId, inReplyTo, new ArrayList<>(references))).isEqualTo(key);
    }

    @Property
    void chatPhoneAndShopKeysAreBoundedNonBlankAndDeterministic(@ForAll("ids") String id, @ForAll("maybeIds") String orderId) {
        assertWellFormed(ThreadKeys.chat(id), "chat:");
        assertWellFormed(ThreadKeys.phone(id), "phone:");
        String shop = ThreadKeys.webShop(orderId, id);
        assertWellFormed(shop, orderId == null || orderId.isBlank() ? "webshop:" : "order:");
        assertThat(ThreadKeys.webShop(orderId, id)).isEqualTo(shop);
        assertThat(ThreadKeys.chat(new String(id.toCharArray()))).isEqualTo(ThreadKeys.chat(id));
    }

    /** RFC 5322 replies: References lists the root first; a direct reply may carry only In-Reply-To. */
    @Property
    void aReplyMapsToItsRootsKey(@ForAll("rootIds") String rootId, @ForAll("ids") String replyId,
                                 @ForAll("wrappings") Wrapping rootWrap, @ForAll("wrappings") Wrapping citedWrap,
                                 @ForAll("references") List<String> laterReferences, @ForAll boolean onlyInReplyTo) {
        String rootKey = rootKey(rootWrap.around(rootId));
        List<String> references = new ArrayList<>();
        references.add(citedWrap.around(rootId));
        references.addAll(laterReferences);

        String replyKey = onlyInReplyTo
                ? ThreadKeys.email(replyId, citedWrap.around(rootId), List.of())
                : ThreadKeys.email(replyId, laterReferences.isEmpty() ? null : laterReferences.get(0), references);

        assertThat(replyKey).isEqualTo(rootKey);
    }

    @Example
    void aMegabyteReferencesHeaderMakesABoundedKeyThatItsRepliesShare() {
        String hugeRoot = "<" + "r".repeat(1_000_000) + "@mail.example>";

        String rootKey = ThreadKeys.email(hugeRoot, null, List.of());

        assertThat(rootKey).hasSize(ThreadKeys.MAX_ID_LENGTH + "email:".length()).startsWith("email:rrrr").contains("~sha256:");
        assertThat(ThreadKeys.email("<reply@mail.example>", hugeRoot, List.of(hugeRoot))).isEqualTo(rootKey);
        assertThat(ThreadKeys.email("<other@mail.example>", null, List.of("<" + "r".repeat(1_000_000) + "@mail.example.org>")))
                .isNotEqualTo(rootKey);
    }

    /** Every "<>" mail would otherwise have shared the thread "email:" with every other. */
    @Example
    void aMailWithNothingInsideItsAngleBracketsIsRejected() {
        assertThatThrownBy(() -> ThreadKeys.email("<>", " < > ", List.of("<>", "")))
                .isInstanceOf(RejectedEventException.class)
                .hasMessage("messageId has no id inside its angle brackets, and neither do inReplyTo and references: "
                        + "the mail cannot be threaded");
    }

    private static String rootKey(String rootMessageId) {
        return ThreadKeys.email(rootMessageId, null, List.of());
    }

    private static void assertWellFormed(String key, String prefix) {
        assertThat(key).startsWith(prefix);
        assertThat(key.substring(prefix.length())).as("the id in the key").isNotBlank();
        assertThat(key.length()).isLessThanOrEqualTo(ThreadKeys.MAX_KEY_LENGTH);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            // A surrogate half on its own would not survive UTF-8 (Kafka's key serializer, PostgreSQL text).
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))).as("split pair at %d", i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
            }
        }
    }

    /** How mail headers present an id: bare, in angle brackets, with folding white space around. */
    record Wrapping(String before, String after) {

        String around(String id) {
            return before + id + after;
        }
    }

    @Provide
    Arbitrary<Wrapping> wrappings() {
        return Arbitraries.of(new Wrapping("", ""), new Wrapping("<", ">"), new Wrapping(" <", "> "), new Wrapping("\t<", ">\r\n"),
                new Wrapping("  ", " "));
    }

    /** Ids the router accepts (not blank) and would thread: any Unicode, brackets, sometimes megabytes long. */
    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> plain = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> messageIds = Combinators.combine(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("mail.example", "example.com", "xn--mnchen-3ya.de")).as((local, domain) -> "<" + local + "@" + domain + ">");
        // Ids around the bound, where cutting and hashing starts, and far beyond it (repeated: generating 1 MB is slow).
        Arbitrary<String> longer = Combinators.combine(plain, Arbitraries.integers().between(1, 300)).as(String::repeat);
        Arbitrary<String> huge = plain.map(chunk -> chunk.repeat(1 + 100_000 / chunk.length()));
        return Arbitraries.frequencyOf(
                        Tuple.of(40, plain),
                        Tuple.of(40, messageIds),
                        Tuple.of(16, longer),
                        // Rare and without edge cases (jqwik mixes those in whatever the weight): hashing 100 KB is slow.
                        Tuple.of(1, huge.withoutEdgeCases()))
                .map(ThreadKeysProperties::asAvroDecodesIt)
                .filter(id -> !id.isBlank());
    }

    /** Through UTF-8 and back, as every id the router sees has been: a lone surrogate half becomes '?'. */
    private static String asAvroDecodesIt(String id) {
        return new String(id.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** What is inside a root's angle brackets (RFC 5322 ids carry no brackets or white space of their own). */
    @Provide
    Arbitrary<String> rootIds() {
        return ids().filter(id -> ThreadKeys.messageId(id).equals(id));
    }

    @Provide
    Arbitrary<String> maybeIds() {
        return Arbitraries.oneOf(ids(), Arbitraries.of("", " ", "<>", "< >"), Arbitraries.just(null));
    }

    @Provide
    Arbitrary<List<String>> references() {
        return Arbitraries.oneOf(ids(), Arbitraries.of("", " ", "<>")).list().ofMaxSize(5);
    }
}
