package io.omnirouter.router.routing.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.personal.contact.SealedContacts;
import io.omnirouter.personal.hash.KeyedHash;
import io.omnirouter.personal.keys.DataKeys;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.PersonalDataTestKeys;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import io.omnirouter.testing.WithRealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Callbacks in the missed call's thread, on the real broker, registry and PostgreSQL: whole routers (the group
 * {@code router}), a missed inbound call and later an answered outbound call to the same number written another way,
 * on another {@code channel.phone} partition; what comes out on {@code contact.events}. The link window is the
 * default, 24 hours.
 */
@WithRealInfrastructure
class CallbackThreadIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PHONE = ContractTopic.PHONE.topic();

    private final SchemaRegistryClient registry = new SchemaRegistryClient(RealInfrastructure.registryUrl());
    private final ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(registry, true);
    private final ConfluentAvroDeserializer<ContactEvent> contacts = new ConfluentAvroDeserializer<>(registry, ContactEvent.class);
    private final SealedContacts hashes = new SealedContacts(KeyedHash.fromKeyset(PersonalDataTestKeys.HASH_KEY));
    private final Routers routers = new Routers();
    private final String run = UUID.randomUUID().toString();
    private TopicProbe probe;

    @BeforeAll
    static void topics() {
        Routers.declareTopics();
    }

    @BeforeEach
    void openProbe() {
        probe = TopicProbe.reading(ContractTopic.CONTACT_EVENTS.topic());
    }

    @AfterEach
    void stopRoutersAndProbe() {
        routers.close();
        probe.close();
    }

    @Test
    void anAnsweredOutboundCallSitsInTheThreadOfTheSameCustomersMissedCallAndAnswersIt() {
        ConfigurableApplicationContext router = routers.start("router");
        String[] number = aMobileNumber();
        String missedId = callId("missed");
        String callbackId = callIdOnAnotherPartitionThan(missedId, "callback");

        send(call(missedId, Direction.INBOUND, CallOutcome.MISSED, number[0], Instant.now().minus(Duration.ofMinutes(20))));
        ConsumerRecord<byte[], byte[]> missed = awaitContactRecord(missedId);
        send(call(callbackId, Direction.OUTBOUND, CallOutcome.ANSWERED, number[1], Instant.now().minus(Duration.ofMinutes(5))));
        ConsumerRecord<byte[], byte[]> callback = awaitContactRecord(callbackId);

        ContactEvent missedCall = contactOf(missed);
        ContactEvent linked = opened(router, contactOf(callback));
        assertThat(missedCall.getThreadKey()).isEqualTo(hashes.hashedThreadKey("phone:" + missedId));
        assertThat(linked.getThreadKey()).as("the missed call's thread").isEqualTo(missedCall.getThreadKey());
        assertThat(linked.getInReplyTo()).as("callback for the missed call").isEqualTo(missedId);
        assertThat(linked.getChannelRef()).as("still its own call").isEqualTo(callbackId);
        assertThat(callback.key()).as("keyed by the missed call's thread").isEqualTo(missed.key());
        assertThat(callback.partition()).isEqualTo(missed.partition());
    }

    @Test
    void anOutboundCallToAnotherNumberOrLaterThanTheWindowAfterTheMissedCallKeepsItsOwnThread() {
        ConfigurableApplicationContext router = routers.start("router");
        String[] number = aMobileNumber();
        String[] otherNumber = aMobileNumber();
        String longAgoId = callId("voicemail-long-ago");
        String toAnotherNumberId = callIdOnAnotherPartitionThan(longAgoId, "to-another-number");
        String tooLateId = callIdOnAnotherPartitionThan(longAgoId, "too-late");

        send(call(longAgoId, Direction.INBOUND, CallOutcome.VOICEMAIL, number[0], Instant.now().minus(Duration.ofHours(25))));
        awaitContactRecord(longAgoId);
        send(call(toAnotherNumberId, Direction.OUTBOUND, CallOutcome.ANSWERED, otherNumber[1], Instant.now().minusSeconds(30)));
        send(call(tooLateId, Direction.OUTBOUND, CallOutcome.ANSWERED, number[1], Instant.now().minusSeconds(30)));

        for (String ownThread : List.of(toAnotherNumberId, tooLateId)) {
            ConsumerRecord<byte[], byte[]> record = awaitContactRecord(ownThread);
            ContactEvent contact = opened(router, contactOf(record));
            assertThat(contact.getThreadKey()).as("thread of " + ownThread).isEqualTo(hashes.hashedThreadKey("phone:" + ownThread));
            assertThat(contact.getInReplyTo()).as("inReplyTo of " + ownThread).isNull();
        }
    }

    @Test
    void aCallbackRoutedAfterARestartIsLinkedToAMissedCallRoutedBeforeIt() {
        ConfigurableApplicationContext first = routers.start("first");
        String[] number = aMobileNumber();
        String missedId = callId("abandoned");
        String callbackId = callIdOnAnotherPartitionThan(missedId, "callback-after-restart");
        send(call(missedId, Direction.INBOUND, CallOutcome.ABANDONED, number[0], Instant.now().minus(Duration.ofHours(2))));
        ContactEvent missedCall = contactOf(awaitContactRecord(missedId));

        first.close(); // a fresh context: nothing of the first router's memory survives
        ConfigurableApplicationContext restarted = routers.start("restarted");
        send(call(callbackId, Direction.OUTBOUND, CallOutcome.ANSWERED, number[1], Instant.now().minusSeconds(10)));

        ContactEvent linked = opened(restarted, contactOf(awaitContactRecord(callbackId)));
        assertThat(linked.getThreadKey()).isEqualTo(missedCall.getThreadKey());
        assertThat(linked.getInReplyTo()).isEqualTo(missedId);
    }

    /** A Slovenian mobile number of this test's own: nationally ({@code 041 …}) and internationally ({@code +386 41 …}). */
    private static String[] aMobileNumber() {
        String subscriber = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String spaced = subscriber.substring(0, 3) + " " + subscriber.substring(3);
        return new String[] {"041 " + spaced, "+386 41 " + spaced};
    }

    private String callId(String what) {
        return what + "-" + run;
    }

    /** A call id that {@code channel.phone}'s default partitioner puts on another partition than {@code other}'s. */
    private String callIdOnAnotherPartitionThan(String other, String what) {
        for (int i = 0; ; i++) {
            String id = callId(what + "-" + i);
            if (partitionOf(id) != partitionOf(other)) {
                return id;
            }
        }
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % Routers.PARTITIONS;
    }

    private static PhoneCallEvent call(String callId, Direction direction, CallOutcome outcome, String phone, Instant occurredAt) {
        return new PhoneCallEvent(new EventMeta("e-" + callId, occurredAt, "it-pbx", null), callId, direction,
                CustomerRef.newBuilder().setPhone(phone).build(), outcome,
                direction == Direction.OUTBOUND ? "agent-7" : null, null, outcome == CallOutcome.ANSWERED ? 120 : 0, null, null);
    }

    private void send(PhoneCallEvent call) {
        TopicProbe.send(PHONE, call.getCallId(), serializer.serialize(PHONE, call));
    }

    private ConsumerRecord<byte[], byte[]> awaitContactRecord(String callId) {
        return probe.awaitOne(r -> contactOf(r).getSourceEventId().equals("e-" + callId), TIMEOUT);
    }

    private ContactEvent contactOf(ConsumerRecord<byte[], byte[]> record) {
        return contacts.deserialize(record.topic(), record.value());
    }

    /** The contact opened under its data key, as the history opens it. */
    private static ContactEvent opened(ConfigurableApplicationContext router, ContactEvent sealed) {
        UUID keyId = SealedContacts.keyIdOf(sealed);
        return SealedContacts.open(sealed, router.getBean(DataKeys.class).find(List.of(keyId)).get(keyId));
    }
}
