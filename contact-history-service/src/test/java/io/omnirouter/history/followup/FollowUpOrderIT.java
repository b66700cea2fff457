package io.omnirouter.history.followup;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.testing.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The follow-up's determinism rule on the real engines: the same contacts, published in different orders into a
 * fresh store, end with the same tasks as in event-time order, every column but the ones that tell the path
 * (version, changed_at, change_reason). The story's event times are days in the past, so the clock escalates every
 * task as soon as it exists: a reply kept in time that is applied after the clock escalated its task must undo the
 * escalations; a closing contact applied before its trigger must close it; a merge found late must move the tasks.
 */
class FollowUpOrderIT extends HistoryIntegrationTest {

    /** Every column the contacts decide. */
    private static final String STATE = """
            SELECT task_id, customer_id, type, status, trigger_contact_id, thread_key, trigger_channel, created_at, due_at,
                   priority, queue, escalation_tier, assignee, closed_at, closed_by_contact_id, closed_late, next_escalation_at
              FROM follow_up_task ORDER BY task_id""";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void theSameContactsInAnotherOrderEndWithTheSameTasksAsInEventTimeOrder() {
        Story story = new Story(Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(3)), UUID.randomUUID().toString());

        // In event-time order, each contact applied before the next is published.
        story.inEventTimeOrder().forEach(this::publishAndSettle);
        List<Map<String, Object>> inOrder = tasks();
        assertThat(inOrder).as("reply, callback, call summary, reply and promised reply, order follow-up").hasSize(6);
        Map<String, Object> reply = inOrder.stream().filter(task -> task.get("trigger_contact_id").toString()
                .equals(story.email.getContactId())).findFirst().orElseThrow();
        assertThat(reply).containsEntry("status", "CLOSED").containsEntry("escalation_tier", 0).containsEntry("priority", "NORMAL")
                .containsEntry("queue", "general").containsEntry("closed_late", false);
        assertThat(inOrder).extracting(task -> task.get("customer_id")).as("one customer after the merge").containsOnly(inOrder.get(0).get("customer_id"));

        // Newest first, each applied before the next: every closing contact comes before its trigger, the merge first.
        RealInfrastructure.cleanDatabase();
        List<ContactEvent> newestFirst = new ArrayList<>(story.inEventTimeOrder());
        Collections.reverse(newestFirst);
        newestFirst.forEach(this::publishAndSettle);
        assertThat(tasks()).as("newest first").isEqualTo(inOrder);

        // The reply kept in time comes last, after the clock escalated its task to the top tier.
        RealInfrastructure.cleanDatabase();
        story.inEventTimeOrder().stream().filter(event -> event != story.reply).forEach(this::publishAndSettle);
        assertThat(jdbc.queryForObject("SELECT escalation_tier FROM follow_up_task WHERE trigger_contact_id = ?::uuid", Integer.class,
                story.email.getContactId())).as("escalated by the wall clock").isEqualTo(2);
        publishAndSettle(story.reply);
        assertThat(tasks()).as("the reply in time last").isEqualTo(inOrder);

        // All at once, as the partitions deliver them.
        RealInfrastructure.cleanDatabase();
        List<ContactEvent> shuffled = new ArrayList<>(story.inEventTimeOrder());
        Collections.shuffle(shuffled, new Random(7));
        publish(shuffled.toArray(ContactEvent[]::new));
        settle(shuffled.size());
        assertThat(tasks()).as("all at once").isEqualTo(inOrder);
    }

    private void publishAndSettle(ContactEvent event) {
        Integer stored = jdbc.queryForObject("SELECT count(*) FROM contact", Integer.class);
        publish(event);
        settle(stored + 1);
    }

    /** Every contact stored and applied, every escalation due by the wall clock made. */
    private void settle(int contacts) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM contact", Integer.class) == contacts
                && jdbc.queryForObject("SELECT count(*) FROM followup_pending", Integer.class) == 0
                && jdbc.queryForObject("SELECT count(*) FROM follow_up_task WHERE status = 'OPEN' AND next_escalation_at <= now()",
                Integer.class) == 0);
    }

    private List<Map<String, Object>> tasks() {
        return jdbc.queryForList(STATE);
    }

    /** One customer's week: two email threads, a callback, and an order that reveals the phone is hers (a merge). */
    private static final class Story {

        final ContactEvent email;
        final ContactEvent reply;
        final ContactEvent missedCall;
        final ContactEvent callback;
        final ContactEvent secondEmail;
        final ContactEvent acknowledgement;
        final ContactEvent cancelledOrder;

        Story(Instant t0, String token) {
            String address = "order-" + token + "@example.com";
            String phone = "+38641" + String.format("%06d", Math.floorMod(token.hashCode(), 1_000_000));
            String thread = "email:<" + token + "@mail>";
            String secondThread = "email:<second-" + token + "@mail>";
            email = contact(Channel.EMAIL, t0).setIdentifiers(ids(null, address)).setThreadKey(thread).setKind("EMAIL").build();
            reply = outbound(Channel.EMAIL, t0.plus(Duration.ofMinutes(30)), ids(null, address), thread, "EMAIL").build();
            // The phone is a customer of its own until the order links it to the email.
            missedCall = contact(Channel.PHONE, t0.plus(Duration.ofHours(1))).setIdentifiers(ids(phone, null)).setKind("CALL_MISSED")
                    .setCallOutcome("MISSED").setThreadKey("phone:" + token + "-1").setQueue("phone").build();
            callback = outbound(Channel.PHONE, t0.plus(Duration.ofHours(3)), ids(phone, null), "phone:" + token + "-2", "CALL_ANSWERED")
                    .setCallOutcome("ANSWERED").setQueue("phone").build();
            secondEmail = contact(Channel.EMAIL, t0.plus(Duration.ofHours(4))).setIdentifiers(ids(null, address)).setThreadKey(secondThread)
                    .setKind("EMAIL").build();
            acknowledgement = outbound(Channel.EMAIL, t0.plus(Duration.ofHours(4).plusMinutes(5)), ids(null, address), secondThread, "EMAIL")
                    .setPromisedReplyBy(t0.plus(Duration.ofDays(1))).build();
            cancelledOrder = contact(Channel.WEBSHOP, t0.plus(Duration.ofHours(5))).setIdentifiers(ids(phone, address))
                    .setKind("ORDER_CANCELLED").setOrderId("o-" + token).setThreadKey("order:" + token)
                    .setIntent(io.omnirouter.contact.Intent.ORDER).build();
        }

        List<ContactEvent> inEventTimeOrder() {
            return List.of(email, reply, missedCall, callback, secondEmail, acknowledgement, cancelledOrder);
        }

        private static ContactEvent.Builder outbound(Channel channel, Instant at, CustomerIdentifiers ids, String thread, String kind) {
            return contact(channel, at).setDirection(Direction.OUTBOUND).setIdentifiers(ids).setThreadKey(thread).setKind(kind)
                    .setAgentId("agent-11");
        }

        private static CustomerIdentifiers ids(String phone, String email) {
            return CustomerIdentifiers.newBuilder().setPhone(phone).setEmail(email).build();
        }
    }
}
