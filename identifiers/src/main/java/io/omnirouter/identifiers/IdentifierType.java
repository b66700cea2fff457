package io.omnirouter.identifiers;

/** The kinds of customer identifier a channel can carry (SPEC §4 {@code CustomerRef}). */
public enum IdentifierType {
    PHONE,
    EMAIL,
    SHOP_CUSTOMER_ID,
    CHAT_VISITOR_ID
}
