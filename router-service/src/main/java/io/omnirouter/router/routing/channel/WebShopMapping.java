package io.omnirouter.router.routing.channel;

import io.omnirouter.channel.Direction;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.Intent;
import io.omnirouter.router.routing.model.ChannelCustomer;
import io.omnirouter.router.routing.model.ChannelIds;
import io.omnirouter.router.routing.model.FreeTexts;
import io.omnirouter.router.routing.model.Ratings;
import io.omnirouter.router.routing.model.ThreadKeys;
import io.omnirouter.schemas.ContractTopic;
import java.util.List;

/**
 * channel.webshop: what a customer did in the shop, always inbound (the customer acted), threaded by the order, an
 * order-less event by itself. Its kinds are the shop's own; an order kind is about an order, a review is feedback.
 */
final class WebShopMapping implements ChannelMapping<WebShopEvent> {

    @Override
    public ContractTopic topic() {
        return ContractTopic.WEBSHOP;
    }

    @Override
    public Class<WebShopEvent> eventClass() {
        return WebShopEvent.class;
    }

    @Override
    public Channel channel() {
        return Channel.WEBSHOP;
    }

    @Override
    public void check(WebShopEvent shop, ChannelIds ids) {
        Ratings.checked(shop.getRating(), "rating");
        ids.optional(shop.getOrderId(), "orderId");
    }

    @Override
    public ChannelCustomer customer(WebShopEvent shop) {
        return ChannelCustomer.of(shop.getCustomer());
    }

    @Override
    public String threadKey(WebShopEvent shop) {
        return ThreadKeys.webShop(shop.getOrderId(), shop.getMeta().getEventId());
    }

    @Override
    public String channelRef(WebShopEvent shop) {
        return hasOrder(shop) ? shop.getOrderId() : shop.getMeta().getEventId();
    }

    @Override
    public ContactKind kind(WebShopEvent shop) {
        return switch (shop.getKind()) {
            case ORDER_PLACED -> ContactKind.ORDER_PLACED;
            case ORDER_PAID -> ContactKind.ORDER_PAID;
            case ORDER_SHIPPED -> ContactKind.ORDER_SHIPPED;
            case ORDER_DELIVERED -> ContactKind.ORDER_DELIVERED;
            case ORDER_CANCELLED -> ContactKind.ORDER_CANCELLED;
            case RETURN_REQUESTED -> ContactKind.RETURN_REQUESTED;
            case REVIEW_SUBMITTED -> ContactKind.REVIEW_SUBMITTED;
            case CART_ABANDONED -> ContactKind.CART_ABANDONED;
            case CONTACT_FORM -> ContactKind.CONTACT_FORM;
            case CONSENT_CHANGED -> ContactKind.CONSENT_CHANGED;
        };
    }

    @Override
    public Direction direction(WebShopEvent shop) {
        return Direction.INBOUND;
    }

    @Override
    public void describe(WebShopEvent shop, ContactEvent.Builder contact) {
        contact.setSegment(shop.getSegment().name())
                .setOrderId(shop.getOrderId())
                .setAmountMinor(shop.getAmountMinor())
                .setCurrency(FreeTexts.check(shop.getCurrency(), "currency"))
                .setRating(shop.getRating())
                // Any kind may carry consents; CONSENT_CHANGED is the event whose point they are.
                .setConsents(List.copyOf(shop.getConsents()));
    }

    @Override
    public ContactText text(WebShopEvent shop) {
        return ContactText.of(FreeTexts.check(shop.getText(), "text"));
    }

    @Override
    public Intent impliedIntent(WebShopEvent shop) {
        return switch (shop.getKind()) {
            case ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED, RETURN_REQUESTED,
                 CART_ABANDONED -> Intent.ORDER;
            case REVIEW_SUBMITTED -> Intent.FEEDBACK;
            case CONTACT_FORM, CONSENT_CHANGED -> null;
        };
    }

    private static boolean hasOrder(WebShopEvent shop) {
        return shop.getOrderId() != null && !shop.getOrderId().isBlank();
    }
}
