package io.omnirouter.router.routing.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The conversation a contact belongs to (docs/kafka-contract.md and "router-service" step 5). Keys carry a channel prefix so that ids of
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
    /** Letters of the longest prefix, {@code "webshop"}. */
    public static final int MAX_PREFIX_LETTERS = 7;
    /** The longest prefix and its colon, plus a bounded id. */
    public static final int MAX_KEY_LENGTH = MAX_PREFIX_LETTERS + 1 + MAX_ID_LENGTH;
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
     * The key of a channel's own conversations, {@code <prefix>:<id>}: a new channel's mapping picks its prefix (its
     * name in lower case, at most {@value #MAX_PREFIX_LETTERS} letters, so that every key stays within
     * {@value #MAX_KEY_LENGTH} characters) and needs nothing else here. The id is stripped and bounded.
     *
     * @throws IllegalArgumentException when the prefix is not 1 to {@value #MAX_PREFIX_LETTERS} lower-case letters
     */
    public static String of(String prefix, String id) {
        if (!prefix.matches("[a-z]{1," + MAX_PREFIX_LETTERS + "}")) {
            throw new IllegalArgumentException("a thread key prefix is 1 to " + MAX_PREFIX_LETTERS + " lower-case letters, got '" + prefix + "'");
        }
        return prefix + ':' + bounded(id.strip());
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
