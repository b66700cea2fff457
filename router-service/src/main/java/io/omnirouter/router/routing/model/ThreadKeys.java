package io.omnirouter.router.routing.model;

import java.util.List;

/**
 * The conversation a contact belongs to (SPEC §4 "Thread"). Keys carry a channel prefix so that ids of
 * different systems never collide.
 */
public final class ThreadKeys {

    private ThreadKeys() {
    }

    /** The thread root: the first References entry, else In-Reply-To, else the message itself. */
    public static String email(String messageId, String inReplyTo, List<String> references) {
        String root = references.stream().map(ThreadKeys::messageId).filter(id -> !id.isEmpty()).findFirst()
                .orElseGet(() -> inReplyTo == null || messageId(inReplyTo).isEmpty() ? messageId(messageId) : messageId(inReplyTo));
        return "email:" + root;
    }

    public static String chat(String sessionId) {
        return "chat:" + sessionId.strip();
    }

    public static String phone(String callId) {
        return "phone:" + callId.strip();
    }

    /** By order when there is one; an order-less shop event (contact form, abandoned cart) is its own thread. */
    public static String webShop(String orderId, String eventId) {
        return orderId == null || orderId.isBlank() ? "webshop:" + eventId.strip() : "order:" + orderId.strip();
    }

    /** A Message-ID without the angle brackets and white space mail headers wrap it in. */
    static String messageId(String raw) {
        String id = raw.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        return id;
    }
}
