package io.omnirouter.personal.contact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.contact.PersonalContactFields;
import io.omnirouter.personal.hash.KeyedHash;
import io.omnirouter.personal.seal.PersonalDataSeal;
import io.omnirouter.personal.seal.SingleObjectBytes;
import io.omnirouter.personal.seal.UnreadablePersonalData;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.ReleasedSchemas;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;

/**
 * Seals the personal fields of a {@link ContactEvent} (those its schema marks {@code "personal": true}) into its
 * {@code sealed} field under the contact's own data key, and opens them again: the router seals before it publishes
 * to {@code contact.events}, the history opens what it reads, live and in a rebuild (docs/personal-data.md).
 *
 * <p>A sealed contact keeps in clear only what is not personal (times, channel, kind, classification, call outcome,
 * amounts, consents, warnings), with its thread key and channel reference replaced by keyed hashes: the same
 * conversation keeps the same thread key and record key, so it stays on one partition and in one thread.
 */
public final class SealedContacts {

    private static final String TOPIC = ContractTopic.CONTACT_EVENTS.topic();
    // Domain separation: a channel reference never hashes to the thread key of the same text.
    private static final String CHANNEL_REF = "channel-ref\u0000";

    private static final PersonalDataSeal SEAL = new PersonalDataSeal();
    /** Knows every released version of the sealed record: a contact sealed years ago still opens. */
    private static final BinaryMessageDecoder<PersonalContactFields> DECODER = decoderOfEveryReleasedVersion();
    private final KeyedHash hash;

    /** @param hash the keyed hash of thread keys and channel references ({@link KeyedHash#SETTING}) */
    public SealedContacts(KeyedHash hash) {
        this.hash = Objects.requireNonNull(hash, "hash");
    }

    /** Whether the contact's personal fields are sealed (false: written in clear, before sealing or with it off). */
    public static boolean isSealed(ContactEvent contact) {
        return contact.getSealed() != null;
    }

    /** The key id a contact is sealed under: its contact id. */
    public static UUID keyIdOf(ContactEvent contact) {
        return UUID.fromString(contact.getContactId());
    }

    /**
     * The contact as it goes on the log: its personal fields sealed under {@code key}, emptied in clear, its thread
     * key and channel reference hashed.
     *
     * @param key the data key of {@link #keyIdOf the contact's key id}
     */
    public ContactEvent seal(ContactEvent clear, Aead key) {
        if (isSealed(clear)) {
            throw new IllegalArgumentException("contact " + clear.getContactId() + " is sealed already");
        }
        PersonalContactFields personal = PersonalContactFields.newBuilder()
                .setIdentifiers(CustomerIdentifiers.newBuilder(clear.getIdentifiers()).build())
                .setCustomerName(clear.getCustomerName())
                .setThreadKey(clear.getThreadKey())
                .setChannelRef(clear.getChannelRef())
                .setSubject(clear.getSubject())
                .setText(clear.getText())
                .setInReplyTo(clear.getInReplyTo())
                .setAttachmentNames(clear.getAttachmentNames())
                .setOrderId(clear.getOrderId())
                .build();
        byte[] sealed = SEAL.seal(key, keyIdOf(clear), TOPIC, encode(personal));
        return ContactEvent.newBuilder(clear)
                .setIdentifiers(new CustomerIdentifiers())
                .setCustomerName(null)
                .setThreadKey(hashedThreadKey(clear.getThreadKey()))
                .setChannelRef(hash.of(CHANNEL_REF + clear.getChannelRef()))
                .setSubject(null)
                .setText(null)
                .setInReplyTo(null)
                .setAttachmentNames(List.of())
                .setOrderId(null)
                .setSealed(ByteBuffer.wrap(sealed))
                .build();
    }

    /**
     * The contact with its personal fields in clear again, and {@code sealed} null. The thread key stays the hashed
     * one (the clear one is kept in the sealed fields only, for an export and for re-hashing under a new hash key).
     *
     * @param key the data key of {@link #keyIdOf the contact's key id}
     * @throws UnreadablePersonalData if the sealed bytes do not open under {@code key} for this contact
     * @throws IllegalArgumentException if the contact is not sealed
     */
    public static ContactEvent open(ContactEvent sealedContact, Aead key) {
        if (!isSealed(sealedContact)) {
            throw new IllegalArgumentException("contact " + sealedContact.getContactId() + " is not sealed");
        }
        byte[] plaintext = SEAL.open(key, keyIdOf(sealedContact), TOPIC, SingleObjectBytes.of(sealedContact.getSealed()));
        PersonalContactFields personal = decode(keyIdOf(sealedContact), plaintext);
        return ContactEvent.newBuilder(sealedContact)
                .setIdentifiers(personal.getIdentifiers())
                .setCustomerName(personal.getCustomerName())
                .setChannelRef(personal.getChannelRef())
                .setSubject(personal.getSubject())
                .setText(personal.getText())
                .setInReplyTo(personal.getInReplyTo())
                .setAttachmentNames(personal.getAttachmentNames())
                .setOrderId(personal.getOrderId())
                .setSealed(null)
                .build();
    }

    /**
     * The thread key the log carries for a clear thread key: {@code <channel>:<keyed hash>}. The history keeps this
     * one, not the clear one, so that a thread is the same whether it is read from a sealed contact or followed on
     * {@code followup.tasks}.
     */
    public String hashedThreadKey(String clearThreadKey) {
        int colon = clearThreadKey.indexOf(':');
        String channel = colon < 0 ? "thread" : clearThreadKey.substring(0, colon);
        return channel + ':' + hash.of(clearThreadKey);
    }

    private static BinaryMessageDecoder<PersonalContactFields> decoderOfEveryReleasedVersion() {
        BinaryMessageDecoder<PersonalContactFields> decoder =
                new BinaryMessageDecoder<>(SpecificData.getForClass(PersonalContactFields.class), PersonalContactFields.getClassSchema());
        ReleasedSchemas.of(PersonalContactFields.getClassSchema().getFullName()).forEach(decoder::addSchema);
        return decoder;
    }

    private static byte[] encode(PersonalContactFields personal) {
        try {
            return SingleObjectBytes.of(PersonalContactFields.getEncoder().encode(personal));
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding the personal fields failed", e);
        }
    }

    private static PersonalContactFields decode(UUID keyId, byte[] plaintext) {
        try {
            return DECODER.decode(plaintext);
        } catch (IOException | RuntimeException e) {
            // It opened under the right key and key id, so it was written by a router: a schema it does not know.
            throw new UnreadablePersonalData(keyId, plaintext.length, e);
        }
    }
}
