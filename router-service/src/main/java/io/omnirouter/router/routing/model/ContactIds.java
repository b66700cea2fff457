package io.omnirouter.router.routing.model;

import io.omnirouter.contact.Channel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Contact ids are derived, not random: the same channel event always yields the same contact id, so a
 * redelivery or a replay can be recognised downstream and stored once.
 */
public final class ContactIds {

    private ContactIds() {
    }

    public static String of(Channel channel, String eventId) {
        return UUID.nameUUIDFromBytes(("contact:" + channel + ":" + eventId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
