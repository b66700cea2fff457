package io.omnirouter.history.customer.model;

import io.omnirouter.identifiers.IdentifierType;
import java.util.Comparator;

/**
 * How much a link through an identifier is worth, strongest first: a shop customer id is one person's
 * account; an email address is mostly personal; a social handle is an account on a platform, mostly one person's, but
 * handles are renamed and then taken by someone else (an Instagram username) and a business's account is run by a team;
 * a chat visitor id is a browser, which people share; a phone number is the most often shared (switchboards,
 * landlines). When a contact's identifiers point to several customers, the links are weighed strongest first: a
 * stronger link is kept and a weaker one that would break a protection rule is the one marked shared.
 */
public final class LinkStrength {

    public static final Comparator<Identifier> STRONGEST_FIRST =
            Comparator.comparingInt((Identifier identifier) -> rank(identifier.type())).thenComparing(Identifier::value);

    private LinkStrength() {
    }

    /** 0 for the strongest; every type has its place (a type added to IdentifierType does not compile here without). */
    static int rank(IdentifierType type) {
        return switch (type) {
            case SHOP_CUSTOMER_ID -> 0;
            case EMAIL -> 1;
            case SOCIAL_HANDLE -> 2;
            case CHAT_VISITOR_ID -> 3;
            case PHONE -> 4;
        };
    }
}
