package io.omnirouter.identifiers;

/** The kinds of customer identifier a channel can carry ({@code CustomerRef}, docs/kafka-contract.md). */
public enum IdentifierType {
    PHONE,
    EMAIL,
    SHOP_CUSTOMER_ID,
    CHAT_VISITOR_ID,
    /** A handle on a social platform, {@code <platform>:<handle>} (channel.social). */
    SOCIAL_HANDLE
}
