package io.omnirouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.ChatEventKind;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.channel.SocialMessageEvent;
import io.omnirouter.channel.SocialPlatform;
import io.omnirouter.channel.SocialVisibility;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.channel.WebShopEventKind;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.identifiers.IdentifierType;
import io.omnirouter.schemas.ContractTopic;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CustomerJourneysTest {

    private static final int EVENTS = 6_000;
    /** Social conversations run for hours: some checks need a longer stretch (of which {@link #events} is the start). */
    private static final int HOURS_OF_EVENTS = 30_000;
    private static final int CUSTOMERS = 150;
    /** The local stack's router reads national numbers in Slovenia. */
    private static final IdentifierNormalizer NORMALIZER = new IdentifierNormalizer("SI");

    private static List<ChannelEvent> hours;
    private static List<ChannelEvent> events;

    @BeforeAll
    static void play() {
        hours = take(CustomerJourneys.events(42, CUSTOMERS), HOURS_OF_EVENTS);
        events = hours.subList(0, EVENTS);
    }

    @Test
    void the_same_seed_gives_the_same_events_and_another_seed_other_ones() {
        assertThat(take(CustomerJourneys.events(42, CUSTOMERS), EVENTS)).isEqualTo(events);
        assertThat(take(CustomerJourneys.events(43, CUSTOMERS), 50)).doesNotContainAnyElementsOf(events.subList(0, 50));
    }

    @Test
    void event_times_come_from_the_supplied_clock_in_order() {
        Instant start = Instant.parse("2026-03-01T10:00:00.123456Z");
        List<ChannelEvent> timed = take(CustomerJourneys.events(7, 10,
                CustomerJourneys.steadyClock(start, Duration.ofMillis(200))), 20);

        for (int i = 0; i < timed.size(); i++) {
            assertThat(timed.get(i).meta().getOccurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z").plusMillis(200L * i));
        }
        assertThatThrownBy(() -> CustomerJourneys.events(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_event_is_a_complete_record_of_its_topic_keyed_as_the_contract_says() throws IOException {
        Set<String> eventIds = new HashSet<>();
        Instant previous = Instant.MIN;
        for (ChannelEvent event : events) {
            encode(event.value()); // throws on a missing required field
            EventMeta meta = event.meta();
            if (!eventIds.add(meta.getEventId()) || meta.getOccurredAt().isBefore(previous) || meta.getSource().isBlank()
                    || identifiers(event).isEmpty() || !event.key().equals(expectedKey(event.value()))
                    || !event.value().getSchema().equals(event.topic().valueSchema())) {
                throw new AssertionError("invalid event (duplicate id, time going back, no identifier or wrong key): " + event);
            }
            previous = meta.getOccurredAt();
        }
    }

    @Test
    void ratings_and_satisfaction_are_between_1_and_5() {
        Stream<Integer> ratings = Stream.of(
                values(WebShopEvent.class).map(WebShopEvent::getRating),
                values(ChatEvent.class).map(ChatEvent::getSatisfaction),
                values(SocialMessageEvent.class).map(SocialMessageEvent::getRating)).flatMap(r -> r);
        assertThat(ratings.filter(Objects::nonNull).collect(Collectors.toSet())).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(hours.stream().map(ChannelEvent::value).filter(SocialMessageEvent.class::isInstance)
                .map(value -> ((SocialMessageEvent) value).getRating()).filter(Objects::nonNull)).contains(1, 2, 3, 4, 5);
    }

    @Test
    void identifiers_are_written_messily_and_all_normalize() {
        List<String> phones = refs().map(CustomerRef::getPhone).filter(Objects::nonNull).toList();
        List<String> emails = refs().map(CustomerRef::getEmail).filter(Objects::nonNull).toList();

        assertThat(phones).anyMatch(p -> p.matches("0\\d\\d \\d{3} \\d{3}"))   // 041 123 456
                .anyMatch(p -> p.startsWith("+386 "))
                .anyMatch(p -> p.startsWith("00386-"))
                .anyMatch(p -> p.startsWith("+90") || p.startsWith("0090"))
                .anyMatch(p -> p.startsWith("+7") || p.startsWith("007"));
        assertThat(emails).anyMatch(e -> !e.equals(e.strip()))
                .anyMatch(e -> !e.equals(e.toLowerCase(Locale.ROOT)))
                .anyMatch(e -> e.equals(e.strip().toLowerCase(Locale.ROOT)));
        assertThatCode(() -> {
            phones.forEach(phone -> NORMALIZER.normalize(IdentifierType.PHONE, phone));
            emails.forEach(email -> NORMALIZER.normalize(IdentifierType.EMAIL, email));
        }).doesNotThrowAnyException();
    }

    /**
     * All identifiers of one event belong to one person. Joining them across events must never put two
     * shop accounts, two emails or two phones together — that would mean the simulator mixed people up —
     * and a person must show up on every channel.
     */
    @Test
    void identifiers_overlap_across_channels_without_mixing_people() {
        IdentifierGroups groups = new IdentifierGroups();
        for (ChannelEvent event : events) {
            groups.join(identifiers(event), event.topic());
        }

        for (Set<String> person : groups.people()) {
            for (String type : List.of("shop:", "email:", "phone:")) {
                assertThat(person.stream().filter(id -> id.startsWith(type))).as("%s in %s", type, person).hasSizeLessThanOrEqualTo(1);
            }
        }
        assertThat(groups.people()).anyMatch(person -> groups.channels(person).size() == ContractTopic.channels().length);
        long multiChannel = groups.people().stream().filter(person -> groups.channels(person).size() >= 2).count();
        assertThat(multiChannel).isGreaterThan(CUSTOMERS / 3);
        // The same phone is written in more than one way across events.
        Map<String, Set<String>> writings = new HashMap<>();
        refs().map(CustomerRef::getPhone).filter(Objects::nonNull)
                .forEach(raw -> writings.computeIfAbsent(normalized(IdentifierType.PHONE, raw), k -> new HashSet<>()).add(raw));
        assertThat(writings.values()).anyMatch(spellings -> spellings.size() >= 3);
    }

    @Test
    void replies_thread_to_earlier_messages_of_the_same_customer() {
        Map<String, EmailEvent> byMessageId = new HashMap<>();
        int replies = 0;
        int acknowledgements = 0;
        for (EmailEvent email : values(EmailEvent.class).toList()) {
            if (email.getInReplyTo() != null) {
                replies++;
                EmailEvent parent = byMessageId.get(email.getInReplyTo());
                assertThat(parent).as("In-Reply-To %s was sent earlier", email.getInReplyTo()).isNotNull();
                List<String> references = email.getReferences();
                assertThat(references).isNotEmpty().last().isEqualTo(email.getInReplyTo());
                EmailEvent root = byMessageId.get(references.get(0));
                assertThat(root.getInReplyTo()).as("References start at the thread root").isNull();
                assertThat(normalized(IdentifierType.EMAIL, email.getCustomer().getEmail()))
                        .isEqualTo(normalized(IdentifierType.EMAIL, root.getCustomer().getEmail()));
            } else {
                assertThat(email.getReferences()).isEmpty();
            }
            if (email.getDirection() == Direction.OUTBOUND) {
                assertThat(email.getAgentId()).isNotBlank();
            }
            if (email.getPromisedReplyBy() != null) {
                acknowledgements++;
                assertThat(email.getDirection()).isEqualTo(Direction.OUTBOUND);
                assertThat(email.getPromisedReplyBy()).isAfter(email.getMeta().getOccurredAt());
            }
            byMessageId.put(email.getMessageId(), email);
        }
        assertThat(replies).isGreaterThan(100);
        assertThat(acknowledgements).isGreaterThan(20);
    }

    @Test
    void chat_sessions_start_before_anything_else_happens_in_them() {
        Set<String> started = new HashSet<>();
        for (ChatEvent chat : values(ChatEvent.class).toList()) {
            if (chat.getKind() == ChatEventKind.STARTED) {
                assertThat(started.add(chat.getSessionId())).isTrue();
            } else {
                assertThat(started).as("session %s started", chat.getSessionId()).contains(chat.getSessionId());
            }
            if (chat.getKind() == ChatEventKind.ENDED) {
                assertThat(chat.getResolved()).isNotNull();
            }
        }
    }

    @Test
    void the_traffic_covers_every_channel_kind_and_language() {
        assertThat(events.stream().map(ChannelEvent::topic).collect(Collectors.toSet())).containsExactlyInAnyOrder(ContractTopic.channels());
        assertThat(values(WebShopEvent.class).map(WebShopEvent::getKind).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(WebShopEventKind.class));
        assertThat(values(PhoneCallEvent.class).map(PhoneCallEvent::getOutcome).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(CallOutcome.class));
        assertThat(values(ChatEvent.class).map(ChatEvent::getKind).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(ChatEventKind.class));
        assertThat(values(PhoneCallEvent.class)).anyMatch(call -> call.getCallbackRequestedAt() != null);
        assertThat(values(SocialMessageEvent.class).map(SocialMessageEvent::getPlatform).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.complementOf(EnumSet.of(SocialPlatform.OTHER)));
        assertThat(values(SocialMessageEvent.class).map(SocialMessageEvent::getVisibility).collect(Collectors.toSet()))
                .isEqualTo(EnumSet.allOf(SocialVisibility.class));
        assertThat(refs().map(CustomerRef::getLanguage).filter(Objects::nonNull).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("en", "sl", "tr", "ru", "th");
    }

    @Test
    void customers_complain_in_five_languages() {
        String allText = Stream.of(
                        values(EmailEvent.class).flatMap(email -> Stream.of(email.getSubject(), email.getBodyText())),
                        values(WebShopEvent.class).map(WebShopEvent::getText),
                        values(ChatEvent.class).map(ChatEvent::getText),
                        values(PhoneCallEvent.class).map(PhoneCallEvent::getNotes),
                        values(SocialMessageEvent.class).filter(social -> social.getVisibility() == SocialVisibility.PUBLIC_COMMENT)
                                .map(SocialMessageEvent::getText))
                .flatMap(texts -> texts)
                .filter(Objects::nonNull)
                .collect(Collectors.joining("\n"))
                .toLowerCase(Locale.ROOT);
        assertThat(allText).contains("complaint", "reklamacij", "pritožb", "şikayet", "жалоб", "претензи", "ร้องเรียน");
    }

    @Test
    void social_media_carry_a_realistic_share_of_the_traffic() {
        long social = hours.stream().filter(event -> event.topic() == ContractTopic.SOCIAL).count();

        assertThat((double) social / hours.size()).isBetween(0.09, 0.15);
    }

    /** WhatsApp names the customer by their own number: the history can join the conversation to their calls. */
    @Test
    void whatsapp_messages_carry_the_customers_own_phone_number() {
        List<SocialMessageEvent> whatsApp = values(SocialMessageEvent.class)
                .filter(social -> social.getPlatform() == SocialPlatform.WHATSAPP).toList();
        Set<String> callers = values(PhoneCallEvent.class)
                .map(call -> normalized(IdentifierType.PHONE, call.getCustomer().getPhone())).collect(Collectors.toSet());

        assertThat(whatsApp).isNotEmpty().allSatisfy(message -> {
            assertThat(message.getVisibility()).isEqualTo(SocialVisibility.PRIVATE_MESSAGE);
            assertThat(normalized(IdentifierType.PHONE, message.getCustomer().getPhone()))
                    .isEqualTo("+" + message.getCustomerHandle());
        });
        assertThat(whatsApp)
                .anyMatch(message -> callers.contains(normalized(IdentifierType.PHONE, message.getCustomer().getPhone())));
    }

    /**
     * Agents answer social messages in the same thread, to the same handle: private messages within the hour or later,
     * public complaints within half an hour or later, a public answer under the comment it answers.
     */
    @Test
    void agents_answer_social_messages_in_their_thread_within_the_reply_window_or_late() {
        Map<String, SocialMessageEvent> byMessageId = new HashMap<>();
        Map<String, SocialMessageEvent> lastInbound = new HashMap<>();
        List<Duration> privateReplies = new ArrayList<>();
        List<Duration> publicReplies = new ArrayList<>();
        for (ChannelEvent event : hours) {
            if (!(event.value() instanceof SocialMessageEvent social)) {
                continue;
            }
            assertThat(event.key()).isEqualTo(social.getConversationId());
            String party = social.getConversationId() + " " + social.getCustomerHandle();
            if (social.getDirection() == Direction.INBOUND) {
                lastInbound.put(party, social);
            } else {
                SocialMessageEvent answered = lastInbound.get(party);
                assertThat(answered).as("an agent answers a message of the customer in the thread: %s", social).isNotNull();
                assertThat(social.getAgentId()).isNotBlank();
                if (social.getVisibility() == SocialVisibility.PUBLIC_COMMENT) {
                    // Under the comment it answers: the customer may have commented on the same post before.
                    answered = byMessageId.get(social.getReplyToId());
                    assertThat(answered).as("a public answer goes under the comment it answers: %s", social).isNotNull();
                    assertThat(answered.getConversationId() + " " + answered.getCustomerHandle()).isEqualTo(party);
                    assertThat(answered.getDirection()).isEqualTo(Direction.INBOUND);
                }
                Duration after = Duration.between(answered.getMeta().getOccurredAt(), social.getMeta().getOccurredAt());
                (social.getVisibility() == SocialVisibility.PRIVATE_MESSAGE ? privateReplies : publicReplies).add(after);
            }
            byMessageId.put(social.getMessageId(), social);
        }
        assertThat(privateReplies).anyMatch(after -> after.compareTo(Duration.ofHours(1)) < 0)
                .anyMatch(after -> after.compareTo(Duration.ofHours(1)) > 0);
        assertThat(publicReplies).anyMatch(after -> after.compareTo(Duration.ofMinutes(30)) < 0)
                .anyMatch(after -> after.compareTo(Duration.ofMinutes(30)) > 0);
    }

    // --- helpers --------------------------------------------------------------------------------------

    private static List<ChannelEvent> take(Iterator<ChannelEvent> iterator, int count) {
        List<ChannelEvent> taken = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            taken.add(iterator.next());
        }
        return taken;
    }

    private static <T> Stream<T> values(Class<T> type) {
        return events.stream().map(ChannelEvent::value).filter(type::isInstance).map(type::cast);
    }

    private static Stream<CustomerRef> refs() {
        return events.stream().map(ChannelEvent::customer);
    }


    /** The first of its topic's key fields that is set (docs/kafka-contract.md). */
    private static String expectedKey(SpecificRecordBase value) {
        return ContractTopic.channelOf(value).orElseThrow().recordKey(value).orElseThrow();
    }

    /** Normalized identifiers of one event, prefixed by type: its customer's, and a social event's handle. */
    private static Set<String> identifiers(ChannelEvent event) {
        Set<String> ids = new HashSet<>();
        if (event.value() instanceof SocialMessageEvent social) {
            ids.add("social:" + normalized(IdentifierType.SOCIAL_HANDLE, social.getPlatform() + ":" + social.getCustomerHandle()));
        }
        CustomerRef ref = event.customer();
        if (ref.getPhone() != null) {
            ids.add("phone:" + normalized(IdentifierType.PHONE, ref.getPhone()));
        }
        if (ref.getEmail() != null) {
            ids.add("email:" + normalized(IdentifierType.EMAIL, ref.getEmail()));
        }
        if (ref.getShopCustomerId() != null) {
            ids.add("shop:" + normalized(IdentifierType.SHOP_CUSTOMER_ID, ref.getShopCustomerId()));
        }
        if (ref.getChatVisitorId() != null) {
            ids.add("visitor:" + normalized(IdentifierType.CHAT_VISITOR_ID, ref.getChatVisitorId()));
        }
        return ids;
    }

    private static String normalized(IdentifierType type, String raw) {
        return NORMALIZER.normalize(type, raw).orElseThrow();
    }

    private static void encode(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(record.getSchema(), SpecificData.getForClass(record.getClass())).write(record, encoder);
        encoder.flush();
    }

    /** Union-find over identifiers: what a perfect identity resolution would see as one person. */
    private static final class IdentifierGroups {

        private final Map<String, String> parent = new HashMap<>();
        private final Map<String, Set<ContractTopic>> channelsById = new HashMap<>();

        void join(Set<String> ids, ContractTopic channel) {
            String first = null;
            for (String id : ids) {
                channelsById.computeIfAbsent(id, k -> EnumSet.noneOf(ContractTopic.class)).add(channel);
                if (first == null) {
                    first = root(id);
                } else {
                    parent.put(root(id), first);
                }
            }
        }

        List<Set<String>> people() {
            Map<String, Set<String>> groups = new HashMap<>();
            for (String id : parent.keySet()) {
                groups.computeIfAbsent(root(id), k -> new HashSet<>()).add(id);
            }
            return new ArrayList<>(groups.values());
        }

        Set<ContractTopic> channels(Set<String> person) {
            Set<ContractTopic> channels = EnumSet.noneOf(ContractTopic.class);
            person.forEach(id -> channels.addAll(channelsById.get(id)));
            return channels;
        }

        private String root(String id) {
            parent.putIfAbsent(id, id);
            String root = id;
            while (!parent.get(root).equals(root)) {
                root = parent.get(root);
            }
            parent.put(id, root);
            return root;
        }
    }
}
