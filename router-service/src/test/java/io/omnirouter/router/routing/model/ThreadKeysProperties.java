package io.omnirouter.router.routing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.omnirouter.channel.SocialPlatform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Hostile ids against thread keys (issue 10): for ids the router accepts (not blank), a key is never blank
 * after its prefix, deterministic, at most {@link ThreadKeys#MAX_KEY_LENGTH} characters (it becomes a Kafka
 * key and a PostgreSQL b-tree entry), valid UTF-16, and a reply maps to its root's key however the headers
 * wrap the ids. The only rejection is an email none of whose ids has content inside its angle brackets.
 */
class ThreadKeysProperties {

    @Test
    void emailKeysAreBoundedNonBlankAndDeterministic() {
        qt().forAll(ids(), maybeIds(), references()).checkAssert((messageId, inReplyTo, references) -> {
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
        });
    }

    @Test
    void chatPhoneShopAndSocialKeysAreBoundedNonBlankAndDeterministic() {
        qt().forAll(ids(), maybeIds(), Generate.enumValues(SocialPlatform.class)).checkAssert((id, orderId, platform) -> {
            assertWellFormed(ThreadKeys.chat(id), "chat:");
            assertWellFormed(ThreadKeys.phone(id), "phone:");
            String social = ThreadKeys.of("social", platform.name().toLowerCase(Locale.ROOT) + ":" + id);
            assertWellFormed(social, "social:");
            assertThat(social).startsWith("social:" + platform.name().toLowerCase(Locale.ROOT) + ":");
            assertThat(ThreadKeys.of("social", platform.name().toLowerCase(Locale.ROOT) + ":" + new String(id.toCharArray()))).isEqualTo(social);
            String shop = ThreadKeys.webShop(orderId, id);
            assertWellFormed(shop, orderId == null || orderId.isBlank() ? "webshop:" : "order:");
            assertThat(ThreadKeys.webShop(orderId, id)).isEqualTo(shop);
            assertThat(ThreadKeys.chat(new String(id.toCharArray()))).isEqualTo(ThreadKeys.chat(id));
        });
    }

    /** RFC 5322 replies: References lists the root first; a direct reply may carry only In-Reply-To. */
    @Test
    void aReplyMapsToItsRootsKey() {
        // Six inputs, four at most per forAll: the two wrappings, and the later references with onlyInReplyTo, go as pairs.
        qt().forAll(rootIds(), ids(), wrappings().zip(wrappings(), Pair::of), references().zip(booleans().all(), Pair::of))
                .checkAssert((rootId, replyId, wraps, later) -> {
                    Wrapping rootWrap = wraps._1;
                    Wrapping citedWrap = wraps._2;
                    List<String> laterReferences = later._1;
                    boolean onlyInReplyTo = later._2;

                    String rootKey = rootKey(rootWrap.around(rootId));
                    List<String> references = new ArrayList<>();
                    references.add(citedWrap.around(rootId));
                    references.addAll(laterReferences);

                    String replyKey = onlyInReplyTo
                            ? ThreadKeys.email(replyId, citedWrap.around(rootId), List.of())
                            : ThreadKeys.email(replyId, laterReferences.isEmpty() ? null : laterReferences.get(0), references);

                    assertThat(replyKey).isEqualTo(rootKey);
                });
    }

    @Test
    void aMegabyteReferencesHeaderMakesABoundedKeyThatItsRepliesShare() {
        String hugeRoot = "<" + "r".repeat(1_000_000) + "@mail.example>";

        String rootKey = ThreadKeys.email(hugeRoot, null, List.of());

        assertThat(rootKey).hasSize(ThreadKeys.MAX_ID_LENGTH + "email:".length()).startsWith("email:rrrr").contains("~sha256:");
        assertThat(ThreadKeys.email("<reply@mail.example>", hugeRoot, List.of(hugeRoot))).isEqualTo(rootKey);
        assertThat(ThreadKeys.email("<other@mail.example>", null, List.of("<" + "r".repeat(1_000_000) + "@mail.example.org>")))
                .isNotEqualTo(rootKey);
    }

    @Test
    void aChannelsOwnKeyIsItsPrefixAndItsBoundedIdAndAPrefixLongerThanWebshopIsRefused() {
        assertThat(ThreadKeys.of("social", " whatsapp:wa-conversation-1 ")).isEqualTo("social:whatsapp:wa-conversation-1");

        String key = ThreadKeys.of("social", "instagram:" + "p".repeat(5_000));
        assertThat(key).hasSize(ThreadKeys.MAX_ID_LENGTH + "social:".length()).startsWith("social:instagram:pppp").contains("~sha256:");
        assertThat(key).isNotEqualTo(ThreadKeys.of("social", "facebook:" + "p".repeat(5_000)));
        assertThatThrownBy(() -> ThreadKeys.of("telegram", "c-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 7 lower-case letters");
        assertThatThrownBy(() -> ThreadKeys.of("Social", "c-1")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every "<>" mail would otherwise have shared the thread "email:" with every other. */
    @Test
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

    private static Gen<Wrapping> wrappings() {
        return Generate.pick(List.of(new Wrapping("", ""), new Wrapping("<", ">"), new Wrapping(" <", "> "), new Wrapping("\t<", ">\r\n"),
                new Wrapping("  ", " ")));
    }

    /** Ids the router accepts (not blank) and would thread: any Unicode, brackets, sometimes megabytes long. */
    private static Gen<String> ids() {
        // Any UTF-16 unit, lone surrogate halves included.
        Gen<String> plain = strings().betweenCodePoints(Character.MIN_VALUE, Character.MAX_VALUE).ofLengthBetween(1, 40);
        Gen<String> messageIds = alphanumeric(1, 30).zip(Generate.pick(List.of("mail.example", "example.com", "xn--mnchen-3ya.de")),
                (local, domain) -> "<" + local + "@" + domain + ">");
        // Ids around the bound, where cutting and hashing starts, and far beyond it (repeated: generating 1 MB is slow).
        Gen<String> longer = plain.zip(integers().between(1, 300), String::repeat);
        Gen<String> huge = plain.map(chunk -> chunk.repeat(1 + 100_000 / chunk.length()));
        Gen<String> any = Generate.frequency(
                        Pair.of(40, plain),
                        Pair.of(40, messageIds),
                        Pair.of(16, longer),
                        // Rare: hashing 100 KB is slow.
                        Pair.of(1, huge))
                .map(ThreadKeysProperties::asAvroDecodesIt);
        return filtered(any, id -> !id.isBlank());
    }

    /**
     * {@code gen}'s values that {@code keep}, drawn again until one is kept: a filter of the generator, not an
     * assumption of the property (QuickTheories gives a property up when too many examples fail its assumptions,
     * and most ids are no root id).
     */
    private static <T> Gen<T> filtered(Gen<T> gen, Predicate<T> keep) {
        return in -> {
            for (int attempt = 0; attempt < 10_000; attempt++) {
                T value = gen.generate(in);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("10,000 values in a row filtered out");
        };
    }

    private static Gen<String> alphanumeric(int minLength, int maxLength) {
        List<Character> alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".chars().mapToObj(c -> (char) c).toList();
        return lists().of(Generate.pick(alphabet)).ofSizeBetween(minLength, maxLength)
                .map(chars -> chars.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    /** Through UTF-8 and back, as every id the router sees has been: a lone surrogate half becomes '?'. */
    private static String asAvroDecodesIt(String id) {
        return new String(id.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** What is inside a root's angle brackets (RFC 5322 ids carry no brackets or white space of their own). */
    private static Gen<String> rootIds() {
        return filtered(ids(), id -> ThreadKeys.messageId(id).equals(id));
    }

    private static Gen<String> maybeIds() {
        return Generate.oneOf(ids(), Generate.pick(List.of("", " ", "<>", "< >")), Generate.constant((String) null))
                .describedAs(String::valueOf);
    }

    private static Gen<List<String>> references() {
        return lists().of(Generate.oneOf(ids(), Generate.pick(List.of("", " ", "<>")))).ofSizeBetween(0, 5);
    }
}
