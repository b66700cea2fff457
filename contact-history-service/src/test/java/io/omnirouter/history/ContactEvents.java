package io.omnirouter.history;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.contact.Intent;
import io.omnirouter.contact.Priority;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** ContactEvents as the router would publish them, complete and valid; tests change what they test. */
public final class ContactEvents {

    private ContactEvents() {
    }

    /** An inbound contact of {@code channel} at {@code occurredAt}, with a fresh event id; set the identifiers. */
    public static ContactEvent.Builder contact(Channel channel, Instant occurredAt) {
        String sourceEventId = "evt-" + UUID.randomUUID();
        return ContactEvent.newBuilder()
                // The router's rule: a name-based UUID of channel and source event id.
                .setContactId(UUID.nameUUIDFromBytes((channel + ":" + sourceEventId).getBytes(StandardCharsets.UTF_8)).toString())
                .setSourceEventId(sourceEventId)
                .setSource("test-adapter")
                .setChannel(channel)
                .setDirection(Direction.INBOUND)
                .setKind(kindOf(channel))
                .setOccurredAt(occurredAt)
                .setRoutedAt(occurredAt.plusMillis(5))
                .setIdentifiers(CustomerIdentifiers.newBuilder().build())
                .setThreadKey(channel.name().toLowerCase() + ":" + sourceEventId)
                .setChannelRef(sourceEventId)
                .setText("Hello from " + channel)
                .setIntent(Intent.QUESTION)
                .setPriority(Priority.NORMAL)
                .setQueue("general");
    }

    /**
     * An email address of about 5,000 characters of random hexadecimal, which PostgreSQL cannot compress enough to fit
     * a btree index entry (2,704 bytes at most): a contact carrying it is refused, SQLState 54000.
     */
    public static String emailTooLongForAnIndex() {
        return randomText(5_000) + "@example.com";
    }

    /** Random hexadecimal: what PostgreSQL's compression cannot shrink, unlike a run of one character. */
    public static String randomText(int length) {
        StringBuilder text = new StringBuilder(length + 32);
        while (text.length() < length) {
            text.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return text.substring(0, length);
    }

    /**
     * A contact of channel.social as the router maps it (ContactEvent v4): kind SOCIAL_MESSAGE (a private message) or
     * SOCIAL_COMMENT (a public comment), thread {@code social:<platform>:<conversation>}, details platform and
     * visibility; {@code platform} in lower case.
     */
    public static ContactEvent.Builder social(Instant at, ContactKind kind, Direction direction, String platform,
                                              String conversation, CustomerIdentifiers identifiers) {
        return contact(Channel.SOCIAL, at).setContactKind(kind).setKind(kind.name()).setDirection(direction)
                .setIdentifiers(identifiers).setThreadKey("social:" + platform + ":" + conversation)
                .setDetails(Map.of("platform", platform.toUpperCase(Locale.ROOT),
                        "visibility", kind == ContactKind.SOCIAL_COMMENT ? "PUBLIC_COMMENT" : "PRIVATE_MESSAGE"));
    }

    public static CustomerIdentifiers email(String email) {
        return CustomerIdentifiers.newBuilder().setEmail(email).build();
    }

    private static String kindOf(Channel channel) {
        return switch (channel) {
            case PHONE -> "CALL_ANSWERED";
            case EMAIL -> "EMAIL";
            case CHAT -> "CHAT_MESSAGE";
            case WEBSHOP -> "ORDER_PLACED";
            case SOCIAL -> "SOCIAL_MESSAGE";
            case OTHER -> "OTHER";
        };
    }
}
