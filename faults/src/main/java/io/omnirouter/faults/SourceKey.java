package io.omnirouter.faults;

import java.util.Locale;

/**
 * How the checks name one customer contact wherever it appears: the channel topic it came from and its event id
 * ({@code channel.email/4f1c...}). The history stores the channel as PHONE, EMAIL, CHAT or WEBSHOP, and
 * {@code contact.events} as the same enum: both map to the topic here.
 */
final class SourceKey {

    private SourceKey() {
    }

    static String of(String channelTopic, String eventId) {
        return channelTopic + "/" + eventId;
    }

    /** From the channel as the history and contact.events spell it (PHONE, EMAIL, CHAT, WEBSHOP). */
    static String ofChannel(String channel, String eventId) {
        return of("channel." + channel.toLowerCase(Locale.ROOT), eventId);
    }
}
