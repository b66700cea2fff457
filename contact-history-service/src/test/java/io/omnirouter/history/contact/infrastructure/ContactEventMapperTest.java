package io.omnirouter.history.contact.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.ContactEvents;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactEventMapperTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void mapsTheEventWithItsIdentifiersInTypeOrder() {
        ContactEvent event = ContactEvents.contact(Channel.WEBSHOP, AT)
                .setIdentifiers(CustomerIdentifiers.newBuilder().setShopCustomerId("C-7").setPhone("+38641123456").build())
                .setOrderId("O-1").setAmountMinor(1999L).setCurrency("EUR")
                .build();

        Contact contact = ContactEventMapper.toContact(event);

        assertThat(contact.contactId()).isEqualTo(UUID.fromString(event.getContactId()));
        assertThat(contact.occurredAt()).isEqualTo(AT);
        assertThat(contact.identifiers()).containsExactly(
                new Identifier(IdentifierType.PHONE, "+38641123456"), new Identifier(IdentifierType.SHOP_CUSTOMER_ID, "C-7"));
        assertThat(contact.details().orderId()).isEqualTo("O-1");
        assertThat(contact.details().amountMinor()).isEqualTo(1999L);
    }

    @Test
    void anEventWithoutAnyIdentifierIsInvalid() {
        ContactEvent event = ContactEvents.contact(Channel.EMAIL, AT)
                .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail("  ").build()).build();

        assertThatThrownBy(() -> ContactEventMapper.toContact(event))
                .isInstanceOf(InvalidContactEventException.class).hasMessageContaining("no customer identifier");
    }

    @Test
    void aContactIdThatIsNotACanonicalUuidIsInvalid() {
        assertThatThrownBy(() -> ContactEventMapper.toContact(ContactEvents.contact(Channel.EMAIL, AT)
                .setIdentifiers(ContactEvents.email("a@example.com")).setContactId("1-2-3-4-5").build()))
                .isInstanceOf(InvalidContactEventException.class).hasMessageContaining("contactId");
    }

    @Test
    void aTimeOutsideTheStorableRangeIsInvalid() {
        assertThatThrownBy(() -> ContactEventMapper.toContact(ContactEvents.contact(Channel.EMAIL, Instant.ofEpochMilli(Long.MAX_VALUE))
                .setIdentifiers(ContactEvents.email("a@example.com")).build()))
                .isInstanceOf(InvalidContactEventException.class).hasMessageContaining("occurredAt");
    }

    @Test
    void aTombstoneIsInvalid() {
        assertThatThrownBy(() -> ContactEventMapper.toContact(null)).isInstanceOf(InvalidContactEventException.class);
    }

    /** Hostile corpus kinds nul-in-*: replaced, the text would not be the one sent. */
    @Test
    void aNulWhichPostgresqlCannotStoreMakesTheEventInvalidNamingTheField() {
        assertThatThrownBy(() -> ContactEventMapper.toContact(ContactEvents.contact(Channel.CHAT, AT)
                .setIdentifiers(ContactEvents.email("a@example.com")).setText("secret\u0000byte").build()))
                .isInstanceOf(InvalidContactEventException.class)
                .hasMessage("text contains U+0000 (NUL): PostgreSQL text cannot hold it");
        assertThatThrownBy(() -> ContactEventMapper.toContact(ContactEvents.contact(Channel.EMAIL, AT)
                .setIdentifiers(ContactEvents.email("a@example.com")).setAttachmentNames(java.util.List.of("a", "b\u0000")).build()))
                .hasMessage("attachmentNames[1] contains U+0000 (NUL): PostgreSQL text cannot hold it");
        String controls = "tab\t bell\u0007 esc\u001b[31m\r\n";
        assertThat(ContactEventMapper.toContact(ContactEvents.contact(Channel.CHAT, AT)
                .setIdentifiers(ContactEvents.email("a@example.com")).setText(controls).build()).text()).isEqualTo(controls);
    }

    @Test
    void theMessageNamesTheRuleButNeverTheValue() {
        assertThatThrownBy(() -> ContactEventMapper.toContact(ContactEvents.contact(Channel.EMAIL, AT)
                .setIdentifiers(ContactEvents.email("secret@example.com")).setThreadKey(" ").build()))
                .hasMessage("threadKey is blank")
                .hasMessageNotContaining("secret");
    }

    /** Hostile corpus kind huge-agent-id: it once made the follow-up worker retry a task insert for ever (SQLState 54000). */
    @Test
    void anAgentIdTooLargeForTheAssigneeIndexIsInvalid() {
        String huge = "agent-" + "\u00e9".repeat(ContactEventMapper.MAX_INDEXED_BYTES / 2);
        assertThatThrownBy(() -> ContactEventMapper.toContact(ContactEvents.contact(Channel.PHONE, AT)
                .setIdentifiers(ContactEvents.email("a@example.com")).setAgentId(huge).build()))
                .isInstanceOf(InvalidContactEventException.class)
                .hasMessage("agentId is longer than 2000 bytes in UTF-8: follow-up tasks are indexed by it");
        String longest = "\u00e9".repeat(ContactEventMapper.MAX_INDEXED_BYTES / 2);
        assertThat(ContactEventMapper.toContact(ContactEvents.contact(Channel.PHONE, AT)
                .setIdentifiers(ContactEvents.email("a@example.com")).setAgentId(longest).build()).agentId()).isEqualTo(longest);
    }

    /** The queue is indexed by the follow-up too: too large, the task insert would fail on every attempt. */
    @Test
    void aQueueTooLargeForTheQueueIndexIsInvalid() {
        assertThatThrownBy(() -> ContactEventMapper.toContact(ContactEvents.contact(Channel.PHONE, AT)
                .setIdentifiers(ContactEvents.email("a@example.com")).setQueue("q".repeat(2001)).build()))
                .isInstanceOf(InvalidContactEventException.class)
                .hasMessage("queue is longer than 2000 bytes in UTF-8: follow-up tasks are indexed by it");
    }

    /**
     * v4 writes the kind as contactKind (and the deprecated string alike); a record written before v4 reads with
     * contactKind OTHER and names its kind only in the string, so for OTHER the string decides.
     */
    @ParameterizedTest(name = "contactKind {0}, kind \"{1}\" → {2}")
    @CsvSource(nullValues = "none", textBlock = """
            SOCIAL_COMMENT, SOCIAL_COMMENT,  SOCIAL_COMMENT
            none,           CALL_MISSED,     CALL_MISSED
            none,           WISHLIST_SHARED, OTHER
            CHAT_ENDED,     CHAT_MESSAGE,    CHAT_ENDED
            OTHER,          OTHER,           OTHER
            """)
    void theKindIsTheContactKindOrForOtherTheKindItsStringNames(ContactKind contactKind, String kind, ContactKind expected) {
        ContactEvent.Builder event = ContactEvents.contact(Channel.OTHER, AT).setIdentifiers(ContactEvents.email("a@example.com"))
                .setKind(kind);
        if (contactKind != null) {
            event.setContactKind(contactKind);
        } else {
            assertThat(event.build().getContactKind()).as("the reader's default for a pre-v4 record").isEqualTo(ContactKind.OTHER);
        }

        assertThat(ContactEventMapper.toContact(event.build()).kind()).isEqualTo(expected);
    }

    @Test
    void aSocialContactCarriesItsHandleAmongItsIdentifiersAndItsDetails() {
        ContactEvent event = ContactEvents.contact(Channel.SOCIAL, AT)
                .setIdentifiers(CustomerIdentifiers.newBuilder().setPhone("+38641123456").setSocialHandle("whatsapp:38641123456").build())
                .setContactKind(ContactKind.SOCIAL_MESSAGE).setKind("SOCIAL_MESSAGE")
                .setDetails(Map.of("visibility", "PRIVATE_MESSAGE", "platform", "WHATSAPP")).build();

        Contact contact = ContactEventMapper.toContact(event);

        assertThat(contact.channel()).isEqualTo(Channel.SOCIAL);
        assertThat(contact.identifiers()).containsExactly(new Identifier(IdentifierType.PHONE, "+38641123456"),
                new Identifier(IdentifierType.SOCIAL_HANDLE, "whatsapp:38641123456"));
        assertThat(contact.details().facts()).containsExactly(Map.entry("platform", "WHATSAPP"),
                Map.entry("visibility", "PRIVATE_MESSAGE"));
    }

    @Test
    void aHandleAloneIsACustomerIdentifierAndWithoutAnyTheMessageNamesEveryField() {
        assertThat(ContactEventMapper.toContact(ContactEvents.contact(Channel.SOCIAL, AT)
                .setIdentifiers(CustomerIdentifiers.newBuilder().setSocialHandle("instagram:ana.novak").build()).build())
                .identifiers()).containsExactly(new Identifier(IdentifierType.SOCIAL_HANDLE, "instagram:ana.novak"));
        assertThatThrownBy(() -> ContactEventMapper.toContact(ContactEvents.contact(Channel.SOCIAL, AT).build()))
                .hasMessage("no customer identifier: at least one of phone, email, shopCustomerId, chatVisitorId, socialHandle is required");
    }

    @Test
    void aNulInTheDetailsMakesTheEventInvalidWithoutQuotingThem() {
        assertThatThrownBy(() -> ContactEventMapper.toContact(ContactEvents.contact(Channel.SOCIAL, AT)
                .setIdentifiers(ContactEvents.email("a@example.com")).setDetails(Map.of("platform", "secret\u0000")).build()))
                .isInstanceOf(InvalidContactEventException.class)
                .hasMessage("details contains U+0000 (NUL): PostgreSQL text cannot hold it");
        assertThatThrownBy(() -> ContactEventMapper.toContact(ContactEvents.contact(Channel.SOCIAL, AT)
                .setIdentifiers(ContactEvents.email("a@example.com")).setDetails(Map.of("secret\u0000", "x")).build()))
                .hasMessage("details contains U+0000 (NUL): PostgreSQL text cannot hold it");
    }
}
