package io.omnirouter.router.routing.infrastructure;

import com.google.crypto.tink.Aead;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.personal.contact.SealedContacts;
import io.omnirouter.personal.keys.DataKeys;
import io.omnirouter.support.personal.PersonalDataProperties;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The router's outbound step before {@code contact.events}: every contact of a batch gets a data key of its own
 * (created in one statement for the batch, committed before the batch's Kafka transaction) and its personal fields
 * sealed under it (docs/personal-data.md). With {@code omnirouter.personal-data.sealing=false} contacts pass in
 * clear; that exists to measure what sealing costs.
 */
@Component
public class SealingContacts {

    private final DataKeys dataKeys;
    private final SealedContacts sealedContacts;
    private final boolean sealing;

    SealingContacts(DataKeys dataKeys, SealedContacts sealedContacts, PersonalDataProperties properties) {
        this.dataKeys = dataKeys;
        this.sealedContacts = sealedContacts;
        this.sealing = properties.sealing();
    }

    /**
     * The contacts as they are published, in the same order.
     *
     * @throws io.omnirouter.personal.keys.DataKeyStoreException if the keys could not be stored: retry the batch
     */
    public List<ContactEvent> seal(List<ContactEvent> contacts) {
        if (!sealing || contacts.isEmpty()) {
            return contacts;
        }
        Map<UUID, Aead> keys = dataKeys.createOrFind(contacts.stream().map(SealedContacts::keyIdOf).toList());
        return contacts.stream().map(contact -> sealedContacts.seal(contact, keys.get(SealedContacts.keyIdOf(contact)))).toList();
    }
}
