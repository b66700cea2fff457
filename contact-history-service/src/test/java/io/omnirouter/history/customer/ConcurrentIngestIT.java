package io.omnirouter.history.customer;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.contact.infrastructure.ContactEventsListener;
import io.omnirouter.history.customer.model.ContactIdentity;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.IdentityResolution;
import io.omnirouter.history.customer.model.MergeProtection;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.identifiers.IdentifierType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Two service instances (this test's context and a second application context, consumers of the same
 * group) ingest 1,000 contacts of 100 new people at once: every person's identifiers are written
 * differently from contact to contact, and their contacts spread over the partitions, so both instances
 * resolve the same new people at the same moment.
 */
class ConcurrentIngestIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");
    private static final IdentifierNormalizer ROUTER = new IdentifierNormalizer("SI");
    private static final int PEOPLE = 100;

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    private ConfigurableApplicationContext secondInstance;

    @AfterEach
    void stopSecondInstance() {
        if (secondInstance != null) {
            secondInstance.close();
        }
    }

    @Test
    void aThousandContactsOfAHundredNewPeopleThroughTwoInstancesMakeExactlyAHundredCustomers() {
        secondInstance = startSecondInstance();
        MessageListenerContainer ours = listeners.getListenerContainer(ContactEventsListener.LISTENER_ID);
        MessageListenerContainer theirs = secondInstance.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(ContactEventsListener.LISTENER_ID);
        // Both instances hold partitions before anything is published.
        await().atMost(PATIENCE).until(() -> !assigned(ours).isEmpty() && !assigned(theirs).isEmpty()
                && assigned(ours).size() + assigned(theirs).size() == 3);

        Random random = new Random();
        String run = IdentityResolutionIT.token().substring(0, 3);
        List<ContactEvent> events = new ArrayList<>();
        List<ContactIdentity> identities = new ArrayList<>();
        for (int person = 0; person < PEOPLE; person++) {
            events.addAll(contactsOf(person, run, random));
        }
        events.forEach(event -> identities.add(identityOf(event)));
        Collections.shuffle(events, random);

        publish(events.toArray(ContactEvent[]::new));

        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject("SELECT count(*) FROM contact", Integer.class) == 1000);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer WHERE merged_into IS NULL", Integer.class)).isEqualTo(PEOPLE);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT customer_id) FROM contact", Integer.class)).isEqualTo(PEOPLE);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_identifier WHERE shared", Integer.class)).isZero();
        // Not only a hundred: exactly the customers, identifiers, merges and attribution of applying the
        // contacts in event-time order, whatever the interleaving of partitions and instances was.
        IdentityResolution eventTimeOrder = IdentityResolution.rederiving(List.of(), List.of(), MergeProtection.DEFAULTS);
        identities.stream().sorted(ContactIdentity.EVENT_TIME_ORDER).forEach(eventTimeOrder::apply);
        assertThat(IdentitySnapshot.stored(jdbc, identities.stream().map(ContactIdentity::contactId).toList()))
                .isEqualTo(IdentitySnapshot.of(eventTimeOrder));
    }

    /**
     * Ten contacts of one person over an hour, in shuffled time order: each identifier alone first, then
     * in pairs and threes, so the person starts as several customers that merge, in whatever order.
     */
    private static List<ContactEvent> contactsOf(int person, String run, Random random) {
        String local = "Person." + run + "." + person;
        List<String> emails = List.of(local + "@Example.com", " " + local.toLowerCase() + "@example.com ", local.toUpperCase() + "@EXAMPLE.COM");
        String subscriber = run + String.format("%03d", person);
        List<String> phones = List.of("041 " + subscriber.substring(0, 3) + " " + subscriber.substring(3),
                "+386 41 " + subscriber, "00386 41 " + subscriber, "(041) " + subscriber.substring(0, 3) + "-" + subscriber.substring(3));
        String visitor = "visitor-" + run + "-" + person;
        String shop = "shop-" + run + "-" + person;
        boolean[][] combinations = {
            // email, phone, visitor, shop
            {true, false, false, false}, {false, true, false, false}, {false, false, true, false}, {false, false, false, true},
            {true, true, false, false}, {false, false, true, true}, {false, true, true, false}, {true, false, false, true},
            {true, true, true, false}, {false, true, false, true}};
        List<Integer> minutes = new ArrayList<>();
        for (int i = 0; i < combinations.length; i++) {
            minutes.add(i * 6);
        }
        Collections.shuffle(minutes, random);
        List<ContactEvent> events = new ArrayList<>();
        for (int i = 0; i < combinations.length; i++) {
            boolean[] carries = combinations[i];
            CustomerIdentifiers.Builder ids = CustomerIdentifiers.newBuilder();
            if (carries[0]) {
                ids.setEmail(normalized(IdentifierType.EMAIL, emails.get(random.nextInt(emails.size()))));
            }
            if (carries[1]) {
                ids.setPhone(normalized(IdentifierType.PHONE, phones.get(random.nextInt(phones.size()))));
            }
            if (carries[2]) {
                ids.setChatVisitorId(normalized(IdentifierType.CHAT_VISITOR_ID, visitor));
            }
            if (carries[3]) {
                ids.setShopCustomerId(normalized(IdentifierType.SHOP_CUSTOMER_ID, shop));
            }
            Channel channel = carries[3] ? Channel.WEBSHOP : carries[2] ? Channel.CHAT : carries[0] ? Channel.EMAIL : Channel.PHONE;
            // Each its own thread key, so the person's contacts spread over the partitions.
            events.add(contact(channel, T0.plusSeconds(3600L * person + 60L * minutes.get(i))).setIdentifiers(ids.build()).build());
        }
        return events;
    }

    private static ContactIdentity identityOf(ContactEvent event) {
        CustomerIdentifiers ids = event.getIdentifiers();
        List<Identifier> carried = new ArrayList<>();
        if (ids.getPhone() != null) {
            carried.add(new Identifier(IdentifierType.PHONE, ids.getPhone()));
        }
        if (ids.getEmail() != null) {
            carried.add(new Identifier(IdentifierType.EMAIL, ids.getEmail()));
        }
        if (ids.getShopCustomerId() != null) {
            carried.add(new Identifier(IdentifierType.SHOP_CUSTOMER_ID, ids.getShopCustomerId()));
        }
        if (ids.getChatVisitorId() != null) {
            carried.add(new Identifier(IdentifierType.CHAT_VISITOR_ID, ids.getChatVisitorId()));
        }
        return new ContactIdentity(UUID.fromString(event.getContactId()), event.getOccurredAt(), carried);
    }

    /**
     * The same application as a second instance: its own context, web server, connection pool and one
     * consumer of the group. Its client id sorts before this instance's, so the group's range assignment
     * gives it a partition (and this instance the other two).
     */
    private static ConfigurableApplicationContext startSecondInstance() {
        return startAnotherInstance("--spring.kafka.consumer.client-id=a-second-instance",
                "--omnirouter.history.ingest.concurrency=1");
    }

    private static String normalized(IdentifierType type, String raw) {
        return ROUTER.normalize(type, raw).orElseThrow();
    }

    private static java.util.Collection<?> assigned(MessageListenerContainer container) {
        var partitions = container.getAssignedPartitions();
        return partitions == null ? List.of() : partitions;
    }
}
