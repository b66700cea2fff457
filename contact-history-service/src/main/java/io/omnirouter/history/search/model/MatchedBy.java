package io.omnirouter.history.search.model;

import io.omnirouter.identifiers.IdentifierType;
import java.util.Optional;

/**
 * How a customer matched what was typed into the search box. Declared strongest first: a customer that matched
 * several ways (its e-mail address is also its chat visitor id) is shown with the first of them.
 */
public enum MatchedBy {
    EMAIL(IdentifierType.EMAIL),
    PHONE(IdentifierType.PHONE),
    SHOP_CUSTOMER_ID(IdentifierType.SHOP_CUSTOMER_ID),
    /** An order id of one of the customer's contacts (web shop contacts carry it). */
    ORDER_ID(null),
    CHAT_VISITOR_ID(IdentifierType.CHAT_VISITOR_ID),
    SOCIAL_HANDLE(IdentifierType.SOCIAL_HANDLE),
    /** A part of a name one of the customer's contacts gave. */
    NAME(null);

    private final IdentifierType identifierType;

    MatchedBy(IdentifierType identifierType) {
        this.identifierType = identifierType;
    }

    /** The identifier type this match is a lookup of (as {@code GET /api/customers/lookup}); empty for orders and names. */
    public Optional<IdentifierType> identifierType() {
        return Optional.ofNullable(identifierType);
    }

    /** The match of an identifier of this type. */
    public static MatchedBy of(IdentifierType type) {
        for (MatchedBy match : values()) {
            if (match.identifierType == type) {
                return match;
            }
        }
        throw new IllegalArgumentException("no match for identifier type " + type);
    }
}
