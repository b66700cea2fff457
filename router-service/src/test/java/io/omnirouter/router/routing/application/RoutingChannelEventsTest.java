package io.omnirouter.router.routing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.ChatAuthor;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.ChatEventKind;
import io.omnirouter.channel.ConsentChange;
import io.omnirouter.channel.ConsentPurpose;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.CustomerSegment;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.channel.WebShopEventKind;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.Intent;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.router.classification.model.ContactClassifier;
import io.omnirouter.router.classification.model.IntentClassifier;
import io.omnirouter.router.classification.model.PriorityPolicy;
import io.omnirouter.router.routing.model.ChannelIds;
import io.omnirouter.router.routing.model.CustomerIdentification;
import io.omnirouter.router.routing.model.CustomerLanguage;
import io.omnirouter.router.routing.model.EventTimePolicy;
import io.omnirouter.router.routing.model.RejectedEventException;
import io.omnirouter.router.routing.model.RoutedContact;
import io.omnirouter.router.routing.model.TextBounds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingChannelEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final RoutingChannelEvents routing = new RoutingChannelEvents(
            new ChannelIds(30),
            new CustomerIdentification(new IdentifierNormalizer("SI")),
            new EventTimePolicy(Instant.parse("2000-01-01T00:00:00Z"), Duration.ofHours(1)),
            new TextBounds(40, 60, " …[cut]"),
            new ContactClassifier(new IntentClassifier(Map.of(Intent.COMPLAINT, List.of("complain"))),
                    new PriorityPolicy(Map.of(), 2, true, List.of()), List.of(), "general"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static EventMeta meta(String eventId, Instant occurredAt) {
        return new EventMeta(eventId, occurredAt, "test-adapter", null);
    }

    private static CustomerRef customer(String phone, String email) {
        return CustomerRef.newBuilder().setPhone(phone).setEmail(email).build();
    }

    private static EmailEvent email(String messageId, String inReplyTo, List<String> references, String body) {
        return new EmailEvent(meta("e-" + messageId, NOW.minusSeconds(60)), messageId, inReplyTo, references,
                Direction.INBOUND, customer(null, " Ana.Novak@Example.com "), null, "Hello", body, List.of(), null);
    }

    @Test
    void anEmailBecomesAContactWithNormalizedIdentifiersAndItsThreadRoot() {
        RoutedContact routed = routing.route(email("<m3@mail>", "<m2@mail>", List.of("<m1@mail>", "<m2@mail>"), "I complain"));
        ContactEvent contact = routed.contact();

        assertThat(contact.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(contact.getIdentifiers().getEmail()).isEqualTo("ana.novak@example.com");
        assertThat(contact.getThreadKey()).isEqualTo("email:m1@mail");
        assertThat(contact.getIntent()).isEqualTo(Intent.COMPLAINT);
        assertThat(contact.getQueue()).isEqualTo("general");
        assertThat(contact.getRoutedAt()).isEqualTo(NOW);
        assertThat(contact.getContactId()).isEqualTo(routing.route(email("<m3@mail>", null, List.of(), "x")).contact().getContactId());
    }

    @Test
    void aReplyWithoutReferencesThreadsByInReplyToAndAFirstMailByItself() {
        assertThat(routing.route(email("<m2@mail>", "<m1@mail>", List.of(), "b")).contact().getThreadKey()).isEqualTo("email:m1@mail");
        assertThat(routing.route(email("<m1@mail>", null, List.of(), "b")).contact().getThreadKey()).isEqualTo("email:m1@mail");
    }

    @Test
    void oversizeTextsAreTruncatedWithAMarkerNotRejected() {
        RoutedContact routed = routing.route(email("<m1@mail>", null, List.of(), "x".repeat(500)));
        assertThat(routed.contact().getText()).hasSize(60).endsWith(" …[cut]");
        assertThat(routed.contact().getTextTruncated()).isTrue();
        assertThat(routed.warnings()).contains("text truncated to the configured limit");
    }

    @Test
    void anUnparseableIdentifierIsDroppedWithAWarningWhenAnotherRemains() {
        PhoneCallEvent call = new PhoneCallEvent(meta("p-1", NOW), "call-1", Direction.INBOUND,
                customer("not a number", "ana@example.com"), CallOutcome.MISSED, null, null, 0, null, null);
        RoutedContact routed = routing.route(call);

        assertThat(routed.contact().getIdentifiers().getPhone()).isNull();
        assertThat(routed.contact().getIdentifiers().getEmail()).isEqualTo("ana@example.com");
        assertThat(routed.warnings()).singleElement().asString().contains("PHONE identifier rejected");
        assertThat(routed.contact().getKind()).isEqualTo("CALL_MISSED");
        assertThat(routed.contact().getThreadKey()).isEqualTo("phone:call-1");
    }

    @Test
    void anEventWithoutAnyUsableIdentifierIsRejected() {
        PhoneCallEvent call = new PhoneCallEvent(meta("p-2", NOW), "call-2", Direction.INBOUND,
                customer("garbage", null), CallOutcome.MISSED, null, null, 0, null, null);
        assertThatThrownBy(() -> routing.route(call)).isInstanceOf(RejectedEventException.class)
                .hasMessageStartingWith("no usable customer identifier");
        PhoneCallEvent anonymous = new PhoneCallEvent(meta("p-3", NOW), "call-3", Direction.INBOUND,
                customer(null, null), CallOutcome.MISSED, null, null, 0, null, null);
        assertThatThrownBy(() -> routing.route(anonymous)).hasMessageStartingWith("no customer identifier");
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
    void chatMessagesByAgentsAreOutboundAndRatingsAreFeedback() {
        ChatEvent ended = new ChatEvent(meta("c-3", NOW), "s-9", ChatEventKind.ENDED, ChatAuthor.SYSTEM,
                CustomerRef.newBuilder().setChatVisitorId(" v-9 ").build(), "agent-7", null, false, 1);
        ContactEvent contact = routing.route(ended).contact();
        assertThat(contact.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(contact.getIntent()).isEqualTo(Intent.FEEDBACK);
        assertThat(contact.getRating()).isEqualTo(1);
        assertThat(contact.getIdentifiers().getChatVisitorId()).isEqualTo("v-9");
        assertThat(contact.getThreadKey()).isEqualTo("chat:s-9");
    }

    @Test
    void ratingsOutsideOneToFiveAreRejected() {
        WebShopEvent review = new WebShopEvent(meta("w-1", NOW), WebShopEventKind.REVIEW_SUBMITTED,
                CustomerRef.newBuilder().setShopCustomerId("C-1").build(), CustomerSegment.B2C, "O-1", null, null, 7, "meh", List.of());
        assertThatThrownBy(() -> routing.route(review)).hasMessage("rating must be between 1 and 5, got 7");
    }

    @Test
    void webShopEventsThreadByOrderOrByThemselves() {
        WebShopEvent order = new WebShopEvent(meta("w-2", NOW), WebShopEventKind.ORDER_PLACED,
                CustomerRef.newBuilder().setShopCustomerId("C-1").build(), CustomerSegment.B2C, "O-77", 1999L, "EUR", null, null, List.of());
        WebShopEvent form = new WebShopEvent(meta("w-3", NOW), WebShopEventKind.CONTACT_FORM,
                CustomerRef.newBuilder().setShopCustomerId("C-1").build(), CustomerSegment.B2C, null, null, null, null, "Hi?", List.of());
        assertThat(routing.route(order).contact().getThreadKey()).isEqualTo("order:O-77");
        assertThat(routing.route(order).contact().getIntent()).isEqualTo(Intent.ORDER);
        assertThat(routing.route(form).contact().getThreadKey()).isEqualTo("webshop:w-3");
        assertThat(routing.route(form).contact().getIntent()).isEqualTo(Intent.QUESTION);
    }

    @Test
    void aConsentChangeFromTheShopCarriesItsConsentsIntoTheContactAsItsOwnThread() {
        List<ConsentChange> consents = List.of(new ConsentChange(ConsentPurpose.MARKETING_SURVEYS, false),
                new ConsentChange(ConsentPurpose.CONTACT_BY_EMAIL, true));
        WebShopEvent change = new WebShopEvent(meta("w-4", NOW), WebShopEventKind.CONSENT_CHANGED,
                CustomerRef.newBuilder().setShopCustomerId("C-1").build(), CustomerSegment.B2C, null, null, null, null, null, consents);

        ContactEvent contact = routing.route(change).contact();

        assertThat(contact.getKind()).isEqualTo("CONSENT_CHANGED");
        assertThat(contact.getConsents()).containsExactlyElementsOf(consents);
        assertThat(contact.getThreadKey()).isEqualTo("webshop:w-4");
        assertThat(contact.getChannelRef()).isEqualTo("w-4");
        assertThat(contact.getChannel()).isEqualTo(Channel.WEBSHOP);
        assertThat(contact.getDirection()).isEqualTo(Direction.INBOUND);
    }

    @Test
    void consentsOnAnyShopEventAreKeptAndAnEventWithoutThemCarriesNone() {
        List<ConsentChange> optIn = List.of(new ConsentChange(ConsentPurpose.THANK_YOU_MESSAGES, true));
        WebShopEvent placed = new WebShopEvent(meta("w-5", NOW), WebShopEventKind.ORDER_PLACED,
                CustomerRef.newBuilder().setShopCustomerId("C-1").build(), CustomerSegment.B2C, "O-5", 1999L, "EUR", null, null, optIn);
        WebShopEvent paid = new WebShopEvent(meta("w-6", NOW), WebShopEventKind.ORDER_PAID,
                CustomerRef.newBuilder().setShopCustomerId("C-1").build(), CustomerSegment.B2C, "O-5", 1999L, "EUR", null, null, List.of());

        assertThat(routing.route(placed).contact().getConsents()).containsExactlyElementsOf(optIn);
        assertThat(routing.route(placed).contact().getThreadKey()).isEqualTo("order:O-5");
        assertThat(routing.route(paid).contact().getConsents()).isEmpty();
    }

    @Test
    void blankRequiredIdsAreRejected() {
        assertThatThrownBy(() -> routing.route(email(" ", null, List.of(), "b"))).hasMessage("messageId is required and must not be blank");
    }

    /** Hostile corpus kinds nul-in-message-id, crlf-in-message-id, nul-in-event-id, huge-message-id, huge-reference-root. */
    @Test
    void idsWithControlOrInvisibleCharactersOrBeyondTheLimitAreRejectedNamingTheFieldNotTheValue() {
        assertThatThrownBy(() -> routing.route(email("<m\u0000secret@mail>", null, List.of(), "x")))
                .isInstanceOf(RejectedEventException.class)
                .hasMessage("messageId contains the control or invisible character U+0000: ids must be printable");
        assertThatThrownBy(() -> routing.route(email("<m@mail>\r\nBcc: x", null, List.of(), "x")))
                .hasMessageStartingWith("messageId contains the control or invisible character U+000D");
        assertThatThrownBy(() -> routing.route(email("<m@mail>", "<secret-" + "x".repeat(40) + ">", List.of(), "x")))
                .hasMessage("inReplyTo is longer than 30 characters (49): ids must fit an index entry");
        assertThatThrownBy(() -> routing.route(email("<m@mail>", null, List.of("<a@mail>", "<b\u200b@mail>"), "x")))
                .hasMessageStartingWith("references[1] contains the control or invisible character U+200B");
        EmailEvent withNulInEventId = email("<m@mail>", null, List.of(), "x");
        withNulInEventId.getMeta().setEventId("e-\u0000");
        assertThatThrownBy(() -> routing.route(withNulInEventId)).hasMessageStartingWith("meta.eventId contains the control");
    }

    /** Hostile corpus kinds nul-in-subject, nul-in-body, nul-in-customer-name-and-attachment. */
    @Test
    void aNulInAFreeTextRejectsTheEventNamingTheFieldAndPositionNotTheText() {
        EmailEvent inBody = email("<m@mail>", null, List.of(), "my secret\u0000 text");
        assertThatThrownBy(() -> routing.route(inBody)).isInstanceOf(RejectedEventException.class)
                .hasMessage("bodyText contains U+0000 (NUL) at character 9: PostgreSQL text cannot hold it, and texts are"
                        + " stored as sent or not at all");
        EmailEvent inAttachment = email("<m@mail>", null, List.of(), "fine");
        inAttachment.setAttachmentNames(List.of("a.pdf", "in\u0000voice.pdf"));
        assertThatThrownBy(() -> routing.route(inAttachment)).hasMessageStartingWith("attachmentNames[1] contains U+0000 (NUL) at character 2");
        EmailEvent inName = email("<m@mail>", null, List.of(), "fine");
        inName.getCustomer().setName("Ana\u0000");
        assertThatThrownBy(() -> routing.route(inName)).hasMessageStartingWith("customer.name contains U+0000");

        EmailEvent otherControls = email("<m@mail>", null, List.of(), "tab\t bell\u0007 esc\u001b[31m\r\n");
        assertThat(routing.route(otherControls).contact().getText()).isEqualTo("tab\t bell\u0007 esc\u001b[31m\r\n");
    }

    /** Hostile corpus kinds language-not-bcp47, language-underscore-and-script. */
    @Test
    void aLanguageThatIsNotABcp47TagIsDroppedWithAWarning() {
        EmailEvent mail = email("<m@mail>", null, List.of(), "x");
        mail.getCustomer().setLanguage("sl_SI<script>");
        RoutedContact routed = routing.route(mail);
        assertThat(routed.contact().getLanguage()).isNull();
        assertThat(routed.warnings()).containsExactly(CustomerLanguage.NOT_BCP_47);

        mail.getCustomer().setLanguage(" sl-SI ");
        assertThat(routing.route(mail).contact().getLanguage()).isEqualTo("sl-SI");
    }
}
