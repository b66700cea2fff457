package io.omnirouter.router.routing.channel;

import static io.omnirouter.router.routing.channel.ShippedChannels.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.channel.ConsentChange;
import io.omnirouter.channel.ConsentPurpose;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.CustomerSegment;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.channel.WebShopEventKind;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.Intent;
import io.omnirouter.router.routing.application.RoutingChannelEvents;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebShopMappingTest {

    private final RoutingChannelEvents routing = ShippedChannels.routing();

    private static WebShopEvent shop(String eventId, WebShopEventKind kind, String orderId, Integer rating, List<ConsentChange> consents) {
        return new WebShopEvent(meta(eventId), kind, CustomerRef.newBuilder().setShopCustomerId("C-1").build(), CustomerSegment.B2B,
                orderId, orderId == null ? null : 1999L, orderId == null ? null : "EUR", rating, null, consents);
    }

    /** The kind is the shop's own, as before ContactEvent v4, when it was the string of the shop's kind. */
    @ParameterizedTest
    @EnumSource(WebShopEventKind.class)
    void aShopEventsKindIsTheShopsKind(WebShopEventKind kind) {
        ContactEvent contact = routing.route(shop("w-1", kind, "O-1", null, List.of())).contact();

        assertThat(contact.getContactKind().name()).isEqualTo(kind.name());
        assertThat(contact.getDirection()).as("the customer acted").isEqualTo(Direction.INBOUND);
    }

    @ParameterizedTest
    @EnumSource(value = WebShopEventKind.class, names = {"REVIEW_SUBMITTED", "CONTACT_FORM", "CONSENT_CHANGED"}, mode = EnumSource.Mode.EXCLUDE)
    void orderKindsAreAboutAnOrder(WebShopEventKind kind) {
        assertThat(routing.route(shop("w-1", kind, "O-1", null, List.of())).contact().getIntent()).isEqualTo(Intent.ORDER);
    }

    @Test
    void aReviewIsFeedbackAndItsRatingIsKept() {
        ContactEvent review = routing.route(shop("w-1", WebShopEventKind.REVIEW_SUBMITTED, "O-1", 5, List.of())).contact();

        assertThat(review.getIntent()).isEqualTo(Intent.FEEDBACK);
        assertThat(review.getRating()).isEqualTo(5);
    }

    @Test
    void ratingsOutsideOneToFiveAreRejected() {
        assertThatThrownBy(() -> routing.route(shop("w-1", WebShopEventKind.REVIEW_SUBMITTED, "O-1", 7, List.of())))
                .hasMessage("rating must be between 1 and 5, got 7");
    }

    @Test
    void webShopEventsThreadByOrderOrByThemselves() {
        ContactEvent order = routing.route(shop("w-2", WebShopEventKind.ORDER_PLACED, "O-77", null, List.of())).contact();
        WebShopEvent form = shop("w-3", WebShopEventKind.CONTACT_FORM, null, null, List.of());
        form.setText("Hi?");

        assertThat(order.getChannel()).isEqualTo(Channel.WEBSHOP);
        assertThat(order.getThreadKey()).isEqualTo("order:O-77");
        assertThat(order.getChannelRef()).isEqualTo("O-77");
        assertThat(order.getOrderId()).isEqualTo("O-77");
        assertThat(order.getAmountMinor()).isEqualTo(1999L);
        assertThat(order.getCurrency()).isEqualTo("EUR");
        assertThat(order.getSegment()).isEqualTo("B2B");
        assertThat(order.getIdentifiers().getShopCustomerId()).isEqualTo("C-1");
        assertThat(order.getDetails()).isEmpty();
        ContactEvent question = routing.route(form).contact();
        assertThat(question.getThreadKey()).isEqualTo("webshop:w-3");
        assertThat(question.getChannelRef()).isEqualTo("w-3");
        assertThat(question.getIntent()).isEqualTo(Intent.QUESTION);
    }

    @Test
    void aConsentChangeFromTheShopCarriesItsConsentsIntoTheContactAsItsOwnThread() {
        List<ConsentChange> consents = List.of(new ConsentChange(ConsentPurpose.MARKETING_SURVEYS, false),
                new ConsentChange(ConsentPurpose.CONTACT_BY_EMAIL, true));

        ContactEvent contact = routing.route(shop("w-4", WebShopEventKind.CONSENT_CHANGED, null, null, consents)).contact();

        assertThat(contact.getKind()).isEqualTo("CONSENT_CHANGED");
        assertThat(contact.getConsents()).containsExactlyElementsOf(consents);
        assertThat(contact.getThreadKey()).isEqualTo("webshop:w-4");
        assertThat(contact.getChannelRef()).isEqualTo("w-4");
    }

    @Test
    void consentsOnAnyShopEventAreKeptAndAnEventWithoutThemCarriesNone() {
        List<ConsentChange> optIn = List.of(new ConsentChange(ConsentPurpose.THANK_YOU_MESSAGES, true));

        assertThat(routing.route(shop("w-5", WebShopEventKind.ORDER_PLACED, "O-5", null, optIn)).contact().getConsents())
                .containsExactlyElementsOf(optIn);
        assertThat(routing.route(shop("w-6", WebShopEventKind.ORDER_PAID, "O-5", null, List.of())).contact().getConsents()).isEmpty();
    }

    @Test
    void aNulInTheCurrencyRejectsTheEvent() {
        WebShopEvent paid = shop("w-7", WebShopEventKind.ORDER_PAID, "O-7", null, List.of());
        paid.setCurrency("EU\u0000");
        assertThatThrownBy(() -> routing.route(paid)).hasMessageStartingWith("currency contains U+0000 (NUL) at character 2");
    }
}
