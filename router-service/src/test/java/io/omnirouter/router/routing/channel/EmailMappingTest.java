package io.omnirouter.router.routing.channel;

import static io.omnirouter.router.routing.channel.ShippedChannels.NOW;
import static io.omnirouter.router.routing.channel.ShippedChannels.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.router.routing.application.RoutingChannelEvents;
import io.omnirouter.router.routing.model.RejectedEventException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailMappingTest {

    private final RoutingChannelEvents routing = ShippedChannels.routing();

    private static EmailEvent email(String messageId, String inReplyTo, List<String> references, String body) {
        return new EmailEvent(meta("e-" + messageId, NOW.minusSeconds(60)), messageId, inReplyTo, references,
                Direction.OUTBOUND, CustomerRef.newBuilder().setEmail(" Ana.Novak@Example.com ").build(), "agent-7", "Hello", body,
                List.of("invoice.pdf"), Instant.parse("2026-11-24T12:00:00Z"));
    }

    @Test
    void aMailIsAnEmailContactOfItsThreadRootWithItsOwnFields() {
        ContactEvent contact = routing.route(email("<m3@mail>", "<m2@mail>", List.of("<m1@mail>", "<m2@mail>"), "Body")).contact();

        assertThat(contact.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(contact.getContactKind()).isEqualTo(ContactKind.EMAIL);
        assertThat(contact.getKind()).isEqualTo("EMAIL");
        assertThat(contact.getThreadKey()).isEqualTo("email:m1@mail");
        assertThat(contact.getChannelRef()).isEqualTo("<m3@mail>");
        assertThat(contact.getDirection()).isEqualTo(Direction.OUTBOUND);
        assertThat(contact.getIdentifiers().getEmail()).isEqualTo("ana.novak@example.com");
        assertThat(contact.getAgentId()).isEqualTo("agent-7");
        assertThat(contact.getInReplyTo()).isEqualTo("<m2@mail>");
        assertThat(contact.getAttachmentNames()).containsExactly("invoice.pdf");
        assertThat(contact.getPromisedReplyBy()).isEqualTo(Instant.parse("2026-11-24T12:00:00Z"));
        assertThat(contact.getSubject()).isEqualTo("Hello");
        assertThat(contact.getText()).isEqualTo("Body");
        assertThat(contact.getDetails()).isEmpty();
    }

    @Test
    void aReplyWithoutReferencesThreadsByInReplyToAndAFirstMailByItself() {
        assertThat(routing.route(email("<m2@mail>", "<m1@mail>", List.of(), "b")).contact().getThreadKey()).isEqualTo("email:m1@mail");
        assertThat(routing.route(email("<m1@mail>", null, List.of(), "b")).contact().getThreadKey()).isEqualTo("email:m1@mail");
    }

    @Test
    void aMailWithNoIdInsideItsAngleBracketsIsRejected() {
        assertThatThrownBy(() -> routing.route(email("<>", null, List.of(), "b")))
                .hasMessageStartingWith("messageId has no id inside its angle brackets");
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
        EmailEvent fromAnAgentWithALongId = email("<m@mail>", null, List.of(), "x");
        fromAnAgentWithALongId.setAgentId("a".repeat(31));
        assertThatThrownBy(() -> routing.route(fromAnAgentWithALongId)).hasMessageStartingWith("agentId is longer than 30 characters");
    }

    /** Hostile corpus kinds nul-in-subject, nul-in-body, nul-in-customer-name-and-attachment. */
    @Test
    void aNulInAFreeTextRejectsTheEventNamingTheFieldAndPositionNotTheText() {
        EmailEvent inBody = email("<m@mail>", null, List.of(), "my secret\u0000 text");
        assertThatThrownBy(() -> routing.route(inBody)).isInstanceOf(RejectedEventException.class)
                .hasMessage("bodyText contains U+0000 (NUL) at character 9: PostgreSQL text cannot hold it, and texts are"
                        + " stored as sent or not at all");
        EmailEvent inSubject = email("<m@mail>", null, List.of(), "fine");
        inSubject.setSubject("Re\u0000");
        assertThatThrownBy(() -> routing.route(inSubject)).hasMessageStartingWith("subject contains U+0000 (NUL) at character 2");
        EmailEvent inAttachment = email("<m@mail>", null, List.of(), "fine");
        inAttachment.setAttachmentNames(List.of("a.pdf", "in\u0000voice.pdf"));
        assertThatThrownBy(() -> routing.route(inAttachment)).hasMessageStartingWith("attachmentNames[1] contains U+0000 (NUL) at character 2");

        EmailEvent otherControls = email("<m@mail>", null, List.of(), "tab\t bell\u0007 esc\u001b[31m\r\n");
        assertThat(routing.route(otherControls).contact().getText()).isEqualTo("tab\t bell\u0007 esc\u001b[31m\r\n");
    }
}
