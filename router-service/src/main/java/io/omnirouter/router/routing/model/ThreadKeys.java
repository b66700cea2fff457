package io.omnirouter.router.routing.model;

import io.omnirouter.channel.SocialPlatform;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The conversation a contact belongs to (README.md, "The Kafka contract" and "router-service" step 5). Keys carry a channel prefix so that ids of
 * different systems never collide. Each channel's {@code ChannelMapping} picks its key here.
 *
 * <p>A key is the {@code contact.events} record key and a PostgreSQL b-tree entry (the timeline's
 * {@code (customer_id, thread_key, occurred_at)} index), so it is bounded: an id of at most
 * {@value #MAX_ID_LENGTH} characters is kept as it is; a longer one (a 1 MB References header) becomes its
 * first {@value #KEPT_PREFIX_LENGTH} characters, {@code "~sha256:"} and the SHA-256 of the whole id in hex,
 * {@value #MAX_ID_LENGTH} characters in all. Deterministic, so a reply that references a long root id still
 * maps to its root's key. A key is therefore at most {@value #MAX_KEY_LENGTH} characters.
 */
public final class ThreadKeys {

    /** Longest id kept verbatim; 200 characters are at most 800 UTF-8 bytes, far below a b-tree entry's 2,704. */
    public static final int MAX_ID_LENGTH = 200;
    /** The longest prefix, {@code "webshop:"}, plus a bounded id. */
    public static final int MAX_KEY_LENGTH = 8 + MAX_ID_LENGTH;
    private static final String HASH_MARK = "~sha256:";
    private static final int KEPT_PREFIX_LENGTH = MAX_ID_LENGTH - HASH_MARK.length() - 64;

    private ThreadKeys() {
    }

    /**
     * The thread root: the first References entry, else In-Reply-To, else the message itself.
     *
     * @throws RejectedEventException when none of them has an id inside its angle brackets ({@code "<>"}):
     *         all such mails would otherwise share one thread
     */
    public static String email(String messageId, String inReplyTo, List<String> references) {
        String root = references.stream().map(ThreadKeys::messageId).filter(id -> !id.isBlank()).findFirst()
                .orElseGet(() -> inReplyTo == null || messageId(inReplyTo).isBlank() ? messageId(messageId) : messageId(inReplyTo));
        if (root.isBlank()) {
            throw new RejectedEventException(Rejection.MAIL_WITHOUT_THREAD_ID);
        }
        return "email:" + bounded(root);
    }

    public static String chat(String sessionId) {
        return "chat:" + bounded(sessionId.strip());
    }

    public static String phone(String callId) {
        return "phone:" + bounded(callId.strip());
    }

    /** By order when there is one; an order-less shop event (contact form, abandoned cart) is its own thread. */
    public static String webShop(String orderId, String eventId) {
        return orderId == null || orderId.isBlank() ? "webshop:" + bounded(eventId.strip()) : "order:" + bounded(orderId.strip());
    }

    /**
     * A social conversation: {@code social:<platform>:<conversationId>}, the platform in lower case, because
     * conversation and post ids are the platform's own and two platforms may issue the same one. The platform is
     * bounded together with the id, so that {@code "social:"} stays the prefix and the key within
     * {@value #MAX_KEY_LENGTH} characters like every other.
     */
    public static String social(SocialPlatform platform, String conversationId) {
        return "social:" + bounded(platform.name().toLowerCase(Locale.ROOT) + ":" + conversationId.strip());
    }

    /** A Message-ID without the angle brackets and white space mail headers wrap it in. */
    static String messageId(String raw) {
        String id = raw.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        return id;
    }

    /** The id itself when short enough, else a prefix a human can recognize and the hash that makes it unique. */
    static String bounded(String id) {
        if (id.length() <= MAX_ID_LENGTH) {
            return id;
        }
        int cut = KEPT_PREFIX_LENGTH;
        // Never split a surrogate pair: the key must stay valid UTF-16 (and so encodable as UTF-8).
        if (Character.isHighSurrogate(id.charAt(cut - 1))) {
            cut--;
        }
        return id.substring(0, cut) + HASH_MARK + HexFormat.of().formatHex(sha256(id));
    }

    private static byte[] sha256(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
