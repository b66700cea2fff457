package io.omnirouter.router.routing.model;

import io.omnirouter.channel.CustomerRef;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.identifiers.IdentifierType;
import io.omnirouter.identifiers.InvalidIdentifierException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Normalizes the identifiers a channel sent. An unparseable identifier is dropped with a warning, not
 * fatal, as long as another one remains; an event with no usable identifier at all cannot be attributed
 * to any customer and is rejected. The social handle is one identifier among the others here: a handle the
 * normalizer refuses is dropped with a warning when a phone number or an e-mail address remains (README.md
 * "router-service", step 4).
 */
public final class CustomerIdentification {

    private final IdentifierNormalizer normalizer;

    public CustomerIdentification(IdentifierNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** Normalized identifiers with the warnings for those dropped. */
    public record Identified(CustomerIdentifiers identifiers, List<String> warnings) {
    }

    public Identified identify(ChannelCustomer channelCustomer) {
        CustomerRef customer = channelCustomer.ref();
        List<String> warnings = new ArrayList<>();
        CustomerIdentifiers ids = CustomerIdentifiers.newBuilder()
                .setPhone(normalized(IdentifierType.PHONE, customer.getPhone(), warnings))
                .setEmail(normalized(IdentifierType.EMAIL, customer.getEmail(), warnings))
                .setShopCustomerId(normalized(IdentifierType.SHOP_CUSTOMER_ID, customer.getShopCustomerId(), warnings))
                .setChatVisitorId(normalized(IdentifierType.CHAT_VISITOR_ID, customer.getChatVisitorId(), warnings))
                .setSocialHandle(normalized(IdentifierType.SOCIAL_HANDLE, channelCustomer.socialHandle(), warnings))
                .build();
        if (ids.getPhone() == null && ids.getEmail() == null && ids.getShopCustomerId() == null
                && ids.getChatVisitorId() == null && ids.getSocialHandle() == null) {
            throw warnings.isEmpty() ? new RejectedEventException(Rejection.NO_CUSTOMER_IDENTIFIER)
                    : new RejectedEventException(Rejection.NO_USABLE_CUSTOMER_IDENTIFIER, String.join("; ", warnings));
        }
        return new Identified(ids, List.copyOf(warnings));
    }

    private String normalized(IdentifierType type, String raw, List<String> warnings) {
        try {
            return normalizer.normalize(type, raw).orElse(null);
        } catch (InvalidIdentifierException e) {
            warnings.add(e.getMessage() + " (dropped)");
            return null;
        }
    }
}
