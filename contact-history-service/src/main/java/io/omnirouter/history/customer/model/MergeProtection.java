package io.omnirouter.history.customer.model;

import io.omnirouter.identifiers.IdentifierType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The rules that keep identity resolution from building "blob" customers out of shared identifiers
 * (contact-history-service/docs/identity-resolution-and-rebuild.md, after Segment's identity limits). Each rule answers whether a link may be made; a link that
 * may not is refused by marking the identifier that would have made it shared.
 */
public final class MergeProtection {

    /**
     * Defaults (contact-history-service/docs/identity-resolution-and-rebuild.md): per type {@link #defaultLimit}; an
     * identifier may bring together 10 customers. Not fewer: one person's first contacts on different channels are
     * distinct customers until a contact links them (an email, a call, a chat, an order: four), and the identifier that
     * links them has been seen with each of them.
     */
    public static final MergeProtection DEFAULTS = new MergeProtection(defaultLimits(), 10);

    /**
     * How many identifiers of a type one person plausibly holds: 5 emails (private, work, old), 5 phones (mobile,
     * landline, work), 1 shop customer id (one account; two are two people, see {@link #shopAccountsNeverMerge}), 20
     * chat visitor ids (one per browser and cleared cookies), 5 social handles (one per platform a person uses:
     * WhatsApp, Messenger, Instagram, Facebook; and a second account on one of them). Every type must have one: a type
     * added to {@link IdentifierType} does not compile here until it has.
     */
    public static int defaultLimit(IdentifierType type) {
        return switch (type) {
            case EMAIL, PHONE -> 5;
            case SHOP_CUSTOMER_ID -> 1;
            case CHAT_VISITOR_ID -> 20;
            case SOCIAL_HANDLE -> 5;
        };
    }

    /** {@link #defaultLimit} of every type. */
    public static Map<IdentifierType, Integer> defaultLimits() {
        Map<IdentifierType, Integer> limits = new EnumMap<>(IdentifierType.class);
        for (IdentifierType type : IdentifierType.values()) {
            limits.put(type, defaultLimit(type));
        }
        return limits;
    }

    private final Map<IdentifierType, Integer> limits;
    private final int maxDistinctCustomersPerIdentifier;

    /**
     * @param limits                            identifiers of each type one customer may hold; every type, each at least 1
     * @param maxDistinctCustomersPerIdentifier how many distinct customers an identifier may be presented with
     *                                          before it is marked shared; at least 1
     */
    public MergeProtection(Map<IdentifierType, Integer> limits, int maxDistinctCustomersPerIdentifier) {
        Objects.requireNonNull(limits, "limits");
        EnumMap<IdentifierType, Integer> copy = new EnumMap<>(IdentifierType.class);
        for (IdentifierType type : IdentifierType.values()) {
            Integer limit = limits.get(type);
            if (limit == null || limit < 1) {
                throw new IllegalArgumentException("the limit of " + type + " identifiers per customer must be at least 1, got " + limit);
            }
            copy.put(type, limit);
        }
        if (maxDistinctCustomersPerIdentifier < 1) {
            throw new IllegalArgumentException("an identifier must be allowed at least 1 customer, got " + maxDistinctCustomersPerIdentifier);
        }
        this.limits = copy;
        this.maxDistinctCustomersPerIdentifier = maxDistinctCustomersPerIdentifier;
    }

    /** A customer holds at most the configured number of identifiers of each type. */
    public boolean identifierLimitPerCustomer(Map<IdentifierType, Integer> identifiersPerType) {
        return identifiersPerType.entrySet().stream().allMatch(held -> held.getValue() <= limits.get(held.getKey()));
    }

    /** Two customers that each hold a shop customer id are two shop accounts, i.e. two people: never merged. */
    public boolean shopAccountsNeverMerge(int customersHoldingAShopCustomerId) {
        return customersHoldingAShopCustomerId <= 1;
    }

    /**
     * An identifier presented with more distinct customers than allowed is evidently shared. The count
     * is cumulative: customers it joined count even after they were merged into one.
     */
    public boolean identifierSeenWithTooManyCustomersIsShared(int distinctCustomers) {
        return distinctCustomers > maxDistinctCustomersPerIdentifier;
    }

    public int limit(IdentifierType type) {
        return limits.get(type);
    }
}
