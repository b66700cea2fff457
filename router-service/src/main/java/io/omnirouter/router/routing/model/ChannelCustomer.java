package io.omnirouter.router.routing.model;

import io.omnirouter.channel.CustomerRef;

/**
 * The customer as a channel names them, before normalization: the {@link CustomerRef} every channel event carries,
 * and the identifiers a channel has outside it. Only channel.social has one so far, the handle on its platform
 * ({@code SocialMessageEvent.customerHandle}), which is the customer's identifier there even when the platform tells
 * nothing else about them.
 *
 * @param ref          the channel event's {@code customer}
 * @param socialHandle {@code <platform>:<handle>} as the channel sent it, or null when the channel has none
 */
public record ChannelCustomer(CustomerRef ref, String socialHandle) {

    /** A customer known by the {@link CustomerRef} alone, as on every channel but the social one. */
    public static ChannelCustomer of(CustomerRef ref) {
        return new ChannelCustomer(ref, null);
    }
}
