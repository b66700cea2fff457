package io.omnirouter.history.contact.infrastructure;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.contact.ContactEvent;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ContactEventsListenerTest {

    /** Nothing listens there: connecting is refused at once. */
    private static final String UNREACHABLE_REGISTRY = "http://127.0.0.1:1";

    @Test
    void anUnreachableRegistryFailsTheBatchForRetryInsteadOfDeadLetteringIt() {
        ConfluentAvroDeserializer<ContactEvent> deserializer =
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(UNREACHABLE_REGISTRY), ContactEvent.class);
        // Neither the keys, the store nor the dead-letter topic may be reached: the batch must fail before either.
        ContactEventsListener listener = new ContactEventsListener(new ContactEventDecoder(deserializer, null), null, null);
        byte[] framed = {0, 0, 0, 0, 42, 2, 'x'};

        assertThatThrownBy(() -> listener.onContactEvents(
                List.of(new ConsumerRecord<>(ContractTopic.CONTACT_EVENTS.topic(), 0, 0L, null, framed))))
                .isInstanceOf(SchemaRegistryUnavailableException.class);
    }
}
