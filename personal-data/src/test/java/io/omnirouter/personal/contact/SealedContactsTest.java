package io.omnirouter.personal.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.Aead;
import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.contact.Intent;
import io.omnirouter.contact.PersonalContactFields;
import io.omnirouter.contact.Priority;
import io.omnirouter.personal.hash.KeyedHash;
import io.omnirouter.personal.seal.FreshDataKey;
import io.omnirouter.personal.seal.PersonalDataSeal;
import io.omnirouter.personal.seal.SingleObjectBytes;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.ReleasedSchemas;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class SealedContactsTest {

    private final SealedContacts contacts = new SealedContacts(KeyedHash.fromKeyset(KeyedHash.newKeyset()));
    private final Aead key = FreshDataKey.create();

    @Test
    void aSealedContactHoldsNoIdentifierInClearAndOpensToAllOfThem() {
        ContactEvent clear = contact(CustomerIdentifiers.newBuilder()
                .setPhone("+38641123456").setSocialHandle("whatsapp:38641123456").build());

        ContactEvent sealed = contacts.seal(clear, key);
        ContactEvent opened = SealedContacts.open(sealed, key);

        assertThat(sealed.getIdentifiers().getPhone()).isNull();
        assertThat(sealed.getIdentifiers().getSocialHandle()).isNull();
        assertThat(sealed.getThreadKey()).startsWith("social:").doesNotContain("c-1");
        assertThat(opened.getIdentifiers()).isEqualTo(clear.getIdentifiers());
        assertThat(opened.getText()).isEqualTo("Where is my parcel?");
    }

    /** A contact sealed before socialHandle existed (PersonalContactFields v1) still opens, years later. */
    @Test
    void aContactSealedWithTheFirstVersionOfThePersonalFieldsStillOpens() throws IOException {
        Schema v1 = ReleasedSchemas.of(PersonalContactFields.getClassSchema().getFullName()).get(0);
        GenericRecord identifiers = new GenericData.Record(v1.getField("identifiers").schema());
        identifiers.put("email", "ana@example.com");
        GenericRecord personal = new GenericData.Record(v1);
        personal.put("identifiers", identifiers);
        personal.put("threadKey", "email:root@example.com");
        personal.put("channelRef", "<root@example.com>");
        personal.put("text", "Hello");
        personal.put("attachmentNames", List.of());
        byte[] plaintext = SingleObjectBytes.of(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(personal));
        ContactEvent clear = contact(CustomerIdentifiers.newBuilder().setEmail("ana@example.com").build());
        ContactEvent writtenLongAgo = ContactEvent.newBuilder(clear)
                .setIdentifiers(new CustomerIdentifiers()).setText(null)
                .setSealed(ByteBuffer.wrap(new PersonalDataSeal().seal(key, UUID.fromString(clear.getContactId()),
                        ContractTopic.CONTACT_EVENTS.topic(), plaintext)))
                .build();

        ContactEvent opened = SealedContacts.open(writtenLongAgo, key);

        assertThat(opened.getIdentifiers().getEmail()).isEqualTo("ana@example.com");
        assertThat(opened.getIdentifiers().getSocialHandle()).isNull();
        assertThat(opened.getText()).isEqualTo("Hello");
    }

    private static ContactEvent contact(CustomerIdentifiers identifiers) {
        Instant at = Instant.parse("2026-12-03T10:00:00Z");
        return ContactEvent.newBuilder()
                .setContactId(UUID.randomUUID().toString())
                .setSourceEventId("e-1").setSource("test").setChannel(Channel.SOCIAL)
                .setDirection(Direction.INBOUND).setKind("SOCIAL_MESSAGE").setContactKind(ContactKind.SOCIAL_MESSAGE)
                .setOccurredAt(at).setRoutedAt(at).setIdentifiers(identifiers)
                .setThreadKey("social:whatsapp:c-1").setChannelRef("m-1").setText("Where is my parcel?")
                .setIntent(Intent.QUESTION).setPriority(Priority.NORMAL).setQueue("general")
                .build();
    }
}
