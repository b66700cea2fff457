package io.omnirouter.system;

import io.omnirouter.channel.EventMeta;
import io.omnirouter.personal.contact.SealedContacts;
import io.omnirouter.personal.hash.KeyedHash;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.PersonalDataTestKeys;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * A channel adapter in a system test: publishes channel events to their topics as the real adapters do, Avro in the
 * Confluent wire format with the schema registered on first use, and waits for the broker's acknowledgement.
 */
final class ChannelAdapter {

    /** The adapter instance every system test's events come from ({@code EventMeta.source}). */
    private static final String SOURCE = "system-test-adapter";

    private final ConfluentAvroSerializer<SpecificRecord> serializer =
            new ConfluentAvroSerializer<>(new SchemaRegistryClient(RealInfrastructure.registryUrl()), true);

    void publish(ContractTopic topic, String key, SpecificRecord event) {
        TopicProbe.send(topic.topic(), key, serializer.serialize(topic.topic(), event));
    }

    /**
     * The thread key the services show for a conversation whose thread key in clear is {@code clearThreadKey} (e.g.
     * {@code email:<root Message-ID>}): the router hashes it under the hash key both services got
     * ({@link PersonalDataTestKeys#HASH_KEY}, docs/personal-data.md).
     */
    static String threadKey(String clearThreadKey) {
        return new SealedContacts(KeyedHash.fromKeyset(PersonalDataTestKeys.HASH_KEY)).hashedThreadKey(clearThreadKey);
    }

    /** The envelope of an event of this adapter, without a tenant. */
    static EventMeta meta(String eventId, Instant occurredAt) {
        return new EventMeta(eventId, occurredAt, SOURCE, null);
    }
}
