package io.omnirouter.cli;

/** Hand-written channel events in Avro JSON, as an adapter team would write them for a test. */
final class Samples {

    private Samples() {
    }

    /** An inbound email in Avro's strict JSON encoding (every field, unions wrapped). */
    static String strictEmail(String eventId, String messageId) {
        return "{\"meta\":{\"eventId\":\"" + eventId + "\",\"occurredAt\":1772357400000,\"source\":\"imap-test\",\"tenant\":null},"
                + "\"messageId\":\"" + messageId + "\",\"inReplyTo\":null,\"references\":[],\"direction\":\"INBOUND\","
                + "\"customer\":{\"phone\":null,\"email\":{\"string\":\"Ana.Novak@Example.com\"},\"shopCustomerId\":null,"
                + "\"chatVisitorId\":null,\"name\":{\"string\":\"Ana Novak\"},\"language\":{\"string\":\"sl\"}},"
                + "\"agentId\":null,\"subject\":\"Reklamacija\",\"bodyText\":\"Paket je prišel poškodovan.\","
                + "\"attachmentNames\":[\"photo.jpg\"],\"promisedReplyBy\":null}";
    }

    /** The same kind of email the short way: optional fields left out, bare union values, an ISO timestamp. */
    static String shortEmail(String eventId, String messageId) {
        return "{\"meta\":{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-03-01T09:30:00Z\",\"source\":\"imap-test\"},"
                + "\"messageId\":\"" + messageId + "\",\"references\":[],\"direction\":\"INBOUND\","
                + "\"customer\":{\"email\":\"ana@example.com\"},\"subject\":\"Where is my order?\","
                + "\"bodyText\":\"Hello\",\"attachmentNames\":[]}";
    }

    /** An inbound WhatsApp message: the handle is the customer's number. */
    static String whatsApp(String eventId, String conversationId) {
        return "{\"meta\":{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-03-01T09:30:00Z\",\"source\":\"whatsapp\"},"
                + "\"platform\":\"WHATSAPP\",\"visibility\":\"PRIVATE_MESSAGE\",\"conversationId\":\"" + conversationId + "\","
                + "\"messageId\":\"wamid.1\",\"direction\":\"INBOUND\",\"customerHandle\":\"38641123456\","
                + "\"customer\":{\"phone\":\"+38641123456\"},\"text\":\"Kdaj pride paket?\"}";
    }

    static String webshop(String eventId, String shopCustomerId, String orderId) {
        return "{\"meta\":{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2026-03-01T09:30:00Z\",\"source\":\"shop\"},"
                + "\"kind\":\"ORDER_PLACED\",\"customer\":{" + (shopCustomerId == null ? "" : "\"shopCustomerId\":\"" + shopCustomerId + "\"")
                + "},\"segment\":\"B2C\"" + (orderId == null ? "" : ",\"orderId\":\"" + orderId + "\"") + "}";
    }
}
