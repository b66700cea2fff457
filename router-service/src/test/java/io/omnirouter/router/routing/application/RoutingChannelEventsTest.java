package io.omnirouter.router.routing.application;

import static io.omnirouter.router.routing.channel.ShippedChannels.NOW;
import static io.omnirouter.router.routing.channel.ShippedChannels.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.ChatAuthor;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.ChatEventKind;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.CustomerSegment;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.channel.SocialMessageEvent;
import io.omnirouter.channel.SocialPlatform;
import io.omnirouter.channel.SocialVisibility;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.channel.WebShopEventKind;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.Intent;
import io.omnirouter.router.routing.channel.ShippedChannels;
import io.omnirouter.router.routing.model.CustomerLanguage;
import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.router.routing.model.Rejection;
import io.omnirouter.router.routing.model.RoutedContact;
import io.omnirouter.schemas.ContractTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the router does the same way for every channel: the envelope, the customer, the texts, the kind and the
 * classification. What each channel's fields mean is in the tests of its mapping ({@code routing.channel}).
 */
class RoutingChannelEventsTest {

    private final RoutingChannelEvents routing = ShippedChannels.routing();

    private static CustomerRef customer(String phone, String email) {
        return CustomerRef.newBuilder().setPhone(phone).setEmail(email).build();
    }

    private static EmailEvent email(String messageId, String body) {
        return new EmailEvent(meta("e-" + messageId, NOW.minusSeconds(60)), messageId, null, List.of(),
                Direction.INBOUND, customer(null, " Ana.Novak@Example.com "), null, "Hello", body, List.of(), null);
    }

    /** One event of each channel topic, so that a channel added to the contract without one here fails. */
    static Stream<SpecificRecord> oneEventOfEachChannel() {
        CustomerRef customer = customer("041 123 456", null);
        List<SpecificRecord> events = List.of(
                new PhoneCallEvent(meta("p-1"), "call-1", Direction.INBOUND, customer, CallOutcome.ANSWERED, null, null, 60, null, null),
                email("<m1@mail>", "Hello"),
                new ChatEvent(meta("c-1"), "s-1", ChatEventKind.MESSAGE, ChatAuthor.CUSTOMER, customer, null, "hi", null, null),
                new WebShopEvent(meta("w-1"), WebShopEventKind.ORDER_PAID, customer, CustomerSegment.B2C, "O-1", 1999L, "EUR",
                        null, null, List.of()),
                SocialMessageEvent.newBuilder().setMeta(meta("s-1")).setPlatform(SocialPlatform.MESSENGER)
                        .setVisibility(SocialVisibility.PRIVATE_MESSAGE).setConversationId("t-1").setMessageId("m-1")
                        .setDirection(Direction.INBOUND).setCustomerHandle("4711").setCustomer(customer).build());
        assertThat(events.stream().map(e -> e.getSchema().getFullName()))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ContractTopic.channels()).map(t -> t.valueSchema().getFullName()).toList());
        return events.stream();
    }

    @ParameterizedTest
    @MethodSource("oneEventOfEachChannel")
    void everyContactCarriesItsContactKindAndTheDeprecatedKindAsItsName(SpecificRecord event) {
        ContactEvent contact = routing.route(event).contact();

        assertThat(contact.getKind()).isEqualTo(contact.getContactKind().name());
        assertThat(contact.getContactKind().name()).isNotEqualTo("OTHER");
        assertThat(contact.getSourceEventId()).isEqualTo(RoutingChannelEvents.eventIdOf(event));
        assertThat(contact.getChannel()).isNotEqualTo(Channel.OTHER);
        assertThat(contact.getRoutedAt()).isEqualTo(NOW);
    }

    @Test
    void theSameEventIdOnEveryChannelMakesOneContactIdPerChannelAndTheSameOneEachTime() {
        List<SpecificRecord> events = oneEventOfEachChannel()
                .peek(event -> ContractTopic.eventMetaOf((GenericRecord) event).setEventId("same-event-id")).toList();

        List<String> contactIds = events.stream().map(event -> routing.route(event).contact().getContactId()).toList();

        assertThat(contactIds).doesNotHaveDuplicates();
        assertThat(events.stream().map(event -> routing.route(event).contact().getContactId())).as("derived, not random")
                .containsExactlyElementsOf(contactIds);
    }

    @Test
    void aRecordOfNoChannelIsRejectedNamingItsSchema() {
        ContactEvent notAChannelEvent = routing.route(email("<m@mail>", "x")).contact();

        assertThatThrownBy(() -> routing.route(notAChannelEvent)).isInstanceOf(RejectedEventException.class)
                .hasMessage("not a channel event: io.omnirouter.contact.ContactEvent")
                .extracting(e -> ((RejectedEventException) e).rejection()).isEqualTo(Rejection.NOT_A_CHANNEL_EVENT);
        assertThatThrownBy(() -> RoutingChannelEvents.eventIdOf(notAChannelEvent)).hasMessageStartingWith("not a channel event");
    }

    @Test
    void anEmailBecomesAContactWithNormalizedIdentifiersAndIsClassified() {
        ContactEvent contact = routing.route(email("<m3@mail>", "I complain")).contact();

        assertThat(contact.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(contact.getIdentifiers().getEmail()).isEqualTo("ana.novak@example.com");
        assertThat(contact.getIntent()).isEqualTo(Intent.COMPLAINT);
        assertThat(contact.getQueue()).isEqualTo("general");
        assertThat(contact.getSource()).isEqualTo("test-adapter");
    }

    @Test
    void oversizeTextsAreTruncatedWithAMarkerNotRejected() {
        RoutedContact routed = routing.route(email("<m1@mail>", "x".repeat(500)));
        assertThat(routed.contact().getText()).hasSize(60).endsWith(" …[cut]");
        assertThat(routed.contact().getTextTruncated()).isTrue();
        assertThat(routed.warnings()).contains("text truncated to the configured limit");
    }

    @Test
    void anUnparseableIdentifierIsDroppedWithAWarningWhenAnotherRemains() {
        PhoneCallEvent call = new PhoneCallEvent(meta("p-1"), "call-1", Direction.INBOUND,
                customer("not a number", "ana@example.com"), CallOutcome.MISSED, null, null, 0, null, null);
        RoutedContact routed = routing.route(call);

        assertThat(routed.contact().getIdentifiers().getPhone()).isNull();
        assertThat(routed.contact().getIdentifiers().getEmail()).isEqualTo("ana@example.com");
        assertThat(routed.warnings()).singleElement().asString().contains("PHONE identifier rejected");
        assertThat(routed.contact().getWarnings()).isEqualTo(routed.warnings());
    }

    @Test
    void anEventWithoutAnyUsableIdentifierIsRejected() {
        PhoneCallEvent call = new PhoneCallEvent(meta("p-2"), "call-2", Direction.INBOUND,
                customer("garbage", null), CallOutcome.MISSED, null, null, 0, null, null);
        assertThatThrownBy(() -> routing.route(call)).isInstanceOf(RejectedEventException.class)
                .hasMessageStartingWith("no usable customer identifier");
        PhoneCallEvent anonymous = new PhoneCallEvent(meta("p-3"), "call-3", Direction.INBOUND,
                customer(null, null), CallOutcome.MISSED, null, null, 0, null, null);
        assertThatThrownBy(() -> routing.route(anonymous)).hasMessage(Rejection.NO_CUSTOMER_IDENTIFIER.reason());
    }

    @Test
    void absurdEventTimesAreRejected() {
        ChatEvent future = new ChatEvent(meta("c-1", NOW.plus(Duration.ofDays(400))), "s-1", ChatEventKind.MESSAGE,
                ChatAuthor.CUSTOMER, CustomerRef.newBuilder().setChatVisitorId("v-1").build(), null, "hi", null, null);
        assertThatThrownBy(() -> routing.route(future)).hasMessageContaining("in the future");
        ChatEvent ancient = new ChatEvent(meta("c-2", Instant.ofEpochSecond(1_000)), "s-1", ChatEventKind.MESSAGE,
                ChatAuthor.CUSTOMER, CustomerRef.newBuilder().setChatVisitorId("v-1").build(), null, "hi", null, null);
        assertThatThrownBy(() -> routing.route(ancient)).hasMessageContaining("before 2000-01-01");
    }

    @Test
    void theEnvelopesIdsAreCheckedOnEveryChannel() {
        EmailEvent withNulInEventId = email("<m@mail>", "x");
        withNulInEventId.getMeta().setEventId("e-\u0000");
        assertThatThrownBy(() -> routing.route(withNulInEventId)).hasMessageStartingWith("meta.eventId contains the control");
        EmailEvent withoutSource = email("<m@mail>", "x");
        withoutSource.getMeta().setSource(" ");
        assertThatThrownBy(() -> routing.route(withoutSource)).hasMessage("meta.source is required and must not be blank");
    }

    /** Hostile corpus kind nul-in-customer-name-and-attachment. */
    @Test
    void aNulInTheCustomersNameRejectsTheEvent() {
        EmailEvent inName = email("<m@mail>", "fine");
        inName.getCustomer().setName("Ana\u0000");
        assertThatThrownBy(() -> routing.route(inName)).hasMessageStartingWith("customer.name contains U+0000");
    }

    /** Hostile corpus kinds language-not-bcp47, language-underscore-and-script. */
    @Test
    void aLanguageThatIsNotABcp47TagIsDroppedWithAWarning() {
        EmailEvent mail = email("<m@mail>", "x");
        mail.getCustomer().setLanguage("sl_SI<script>");
        RoutedContact routed = routing.route(mail);
        assertThat(routed.contact().getLanguage()).isNull();
        assertThat(routed.warnings()).containsExactly(CustomerLanguage.NOT_BCP_47);

        mail.getCustomer().setLanguage(" sl-SI ");
        assertThat(routing.route(mail).contact().getLanguage()).isEqualTo("sl-SI");
    }
}
