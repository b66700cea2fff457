package io.omnirouter.history.customer.model;

import io.omnirouter.identifiers.IdentifierType;
import java.util.Comparator;
import java.util.List;

/**
 * How much a link through an identifier is worth, strongest first: a shop customer id is one person's
 * account; an email address is mostly personal; a chat visitor id is a browser, which people share; a
 * phone number is the most often shared (switchboards, landlines). When a contact's identifiers point
 * to several customers, the links are weighed strongest first: a stronger link is kept and a weaker one
 * that would break a protection rule is the one marked shared.
 */
public final class LinkStrength {

    private static final List<IdentifierType> STRONGEST_TO_WEAKEST = List.of(
            IdentifierType.SHOP_CUSTOMER_ID, IdentifierType.EMAIL, IdentifierType.CHAT_VISITOR_ID, IdentifierType.PHONE);

    public static final Comparator<Identifier> STRONGEST_FIRST =
            Comparator.comparingInt((Identifier identifier) -> STRONGEST_TO_WEAKEST.indexOf(identifier.type()))
                    .thenComparing(Identifier::value);

    private LinkStrength() {
    }
}
