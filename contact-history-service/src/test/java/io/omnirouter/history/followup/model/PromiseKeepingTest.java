package io.omnirouter.history.followup.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Priority;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every row of SPEC §6, escalation, chasing, continuity and event-time order, on a controllable clock. */
class PromiseKeepingTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z"); // a Monday
    private static final UUID CUSTOMER = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

    private final EscalationLadder ladder = new EscalationLadder(List.of(
            new EscalationLadder.Tier(Duration.ZERO, "second-line"),
            new EscalationLadder.Tier(Duration.ofHours(4), "supervisors")));
    private final FollowUpSettings settings = new FollowUpSettings(Duration.ofHours(2), Duration.ofHours(2),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(24),
            Duration.ofHours(24), Duration.ofHours(24), Duration.ofDays(2), Duration.ofDays(1), 2, false, ladder, Map.of());
    private final PromiseKeeping promises = new PromiseKeeping(new FollowUpRules(settings), ladder);

    /** The customer's tasks, latest version of each, as a store would keep them. */
    private final List<FollowUpTask> tasks = new ArrayList<>();
    private final List<Contact> stored = new ArrayList<>();

    private List<FollowUpTask> receive(Contact contact) {
        return receive(contact, HandlerContinuity.NONE);
    }

    private List<FollowUpTask> receive(Contact contact, HandlerContinuity continuity) {
        List<Contact> later = stored.stream().filter(c -> !c.occurredAt().isBefore(contact.occurredAt())).toList();
        List<FollowUpTask> changes = promises.onContact(contact, CUSTOMER, openTasks(), later, continuity);
        stored.add(contact);
        changes.forEach(this::keep);
        return changes;
    }

    private void keep(FollowUpTask version) {
        tasks.removeIf(t -> t.taskId().equals(version.taskId()));
        tasks.add(version);
    }

    private List<FollowUpTask> openTasks() {
        return tasks.stream().filter(FollowUpTask::isOpen).toList();
    }

    private FollowUpTask only(TaskType type) {
        List<FollowUpTask> ofType = tasks.stream().filter(t -> t.type() == type).toList();
        assertThat(ofType).hasSize(1);
        return ofType.get(0);
    }

    @Test
    void inboundEmailOpensReplyDueInTwoHoursAndTheReplyClosesIt() {
        receive(Contacts.at(T0).inboundEmail("email:m1").build());
        FollowUpTask reply = only(TaskType.REPLY);
        assertThat(reply.dueAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(reply.taskId()).isEqualTo(TaskIds.of(TaskType.REPLY, reply.triggerContactId()));

        receive(Contacts.at(T0.plus(Duration.ofMinutes(40))).outboundEmail("email:m1", "agent-1").build());

        assertThat(only(TaskType.REPLY).status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(only(TaskType.REPLY).closedLate()).isFalse();
        assertThat(only(TaskType.REPLY).version()).isEqualTo(2);
    }

    @Test
    void aReplyOnAnotherThreadDoesNotCountUnlessConfigured() {
        receive(Contacts.at(T0).inboundEmail("email:m1").build());
        receive(Contacts.at(T0.plusSeconds(60)).outboundEmail("email:other", "agent-1").build());
        assertThat(only(TaskType.REPLY).isOpen()).isTrue();
    }

    @Test
    void chatMessagesAreAnsweredWithinFifteenMinutes() {
        receive(Contacts.at(T0).chat("CHAT_MESSAGE", "CUSTOMER", "s1").build());
        assertThat(only(TaskType.REPLY).dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        receive(Contacts.at(T0.plusSeconds(120)).chat("CHAT_MESSAGE", "AGENT", "s1").build());
        assertThat(only(TaskType.REPLY).status()).isEqualTo(TaskStatus.CLOSED);
    }

    @Test
    void aContactFormNeedsAReplyToo() {
        receive(Contacts.at(T0).shop("CONTACT_FORM", "none").build());
        assertThat(only(TaskType.REPLY).dueAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void anAcknowledgementWithAPromisedTimeReplacesReplyAndTheRealReplyKeepsIt() {
        receive(Contacts.at(T0).inboundEmail("email:m1").build());
        Instant promised = T0.plus(Duration.ofDays(1));
        receive(Contacts.at(T0.plusSeconds(600)).outboundEmail("email:m1", "agent-1").promising(promised).build());

        assertThat(only(TaskType.REPLY).status()).isEqualTo(TaskStatus.SUPERSEDED);
        assertThat(only(TaskType.PROMISED_REPLY).dueAt()).isEqualTo(promised);
        assertThat(only(TaskType.PROMISED_REPLY).isOpen()).isTrue();

        receive(Contacts.at(T0.plus(Duration.ofHours(20))).outboundEmail("email:m1", "agent-1").build());
        assertThat(only(TaskType.PROMISED_REPLY).status()).isEqualTo(TaskStatus.CLOSED);
    }

    @Test
    void aMissedCallOpensCallbackInThirtyMinutesClosedByAnAnsweredOutboundCall() {
        receive(Contacts.at(T0).call(Direction.INBOUND, "MISSED", "c1", null).build());
        assertThat(only(TaskType.CALLBACK).dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));

        receive(Contacts.at(T0.plusSeconds(900)).call(Direction.OUTBOUND, "BUSY", "c2", "agent-1").build());
        assertThat(only(TaskType.CALLBACK).isOpen()).as("a busy line is no callback").isTrue();

        receive(Contacts.at(T0.plusSeconds(1200)).call(Direction.OUTBOUND, "ANSWERED", "c3", "agent-1").build());
        assertThat(only(TaskType.CALLBACK).status()).isEqualTo(TaskStatus.CLOSED);
    }

    @Test
    void abandonedAndVoicemailCallsNeedCallbacksToo() {
        receive(Contacts.at(T0).call(Direction.INBOUND, "ABANDONED", "c1", null).build());
        receive(Contacts.at(T0.plusSeconds(5)).call(Direction.INBOUND, "VOICEMAIL", "c2", null).build());
        assertThat(tasks).extracting(FollowUpTask::type).containsExactly(TaskType.CALLBACK, TaskType.CALLBACK);
    }

    @Test
    void anAgreedCallbackTimeIsTheDueTime() {
        Instant wednesday = T0.plus(Duration.ofDays(2));
        receive(Contacts.at(T0).call(Direction.INBOUND, "ANSWERED", "c1", "agent-1").callbackRequestedFor(wednesday).build());
        assertThat(only(TaskType.CALLBACK).dueAt()).isEqualTo(wednesday);
    }

    @Test
    void anAnsweredCallNeedsAWrittenSummaryClosedByTheFollowUpEmail() {
        receive(Contacts.at(T0).call(Direction.INBOUND, "ANSWERED", "c1", "agent-1").build());
        assertThat(only(TaskType.CALL_SUMMARY).dueAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(only(TaskType.CALL_SUMMARY).assignee()).isNull();

        receive(Contacts.at(T0.plusSeconds(1800)).outboundEmail("email:summary", "agent-1").build());
        assertThat(only(TaskType.CALL_SUMMARY).status()).isEqualTo(TaskStatus.CLOSED);
    }

    @Test
    void aComplaintOnAnyChannelGetsAnOwnerAndADeadlineInItsQueue() {
        receive(Contacts.at(T0).chat("CHAT_MESSAGE", "CUSTOMER", "s1").complaint("complaints").build(),
                new HandlerContinuity("agent-7", Set.of()));
        FollowUpTask complaint = only(TaskType.COMPLAINT);
        assertThat(complaint.queue()).isEqualTo("complaints");
        assertThat(complaint.assignee()).isEqualTo("agent-7");
        assertThat(complaint.priority()).isEqualTo(Priority.HIGH);
        assertThat(complaint.dueAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(promises.complete(complaint, "agent-7", T0.plusSeconds(3600)).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void aSecondComplaintMessageInTheSameThreadIsTheSamePromise() {
        receive(Contacts.at(T0).chat("CHAT_MESSAGE", "CUSTOMER", "s1").complaint("complaints").build());
        receive(Contacts.at(T0.plusSeconds(30)).chat("CHAT_MESSAGE", "CUSTOMER", "s1").complaint("complaints").build());
        assertThat(tasks.stream().filter(t -> t.type() == TaskType.COMPLAINT)).hasSize(1);
    }

    @Test
    void anUnhappyOrUnresolvedChatNeedsRecovery() {
        receive(Contacts.at(T0).chat("CHAT_ENDED", "SYSTEM", "s1").rating(1).build());
        assertThat(only(TaskType.RECOVERY).dueAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        tasks.clear();
        receive(Contacts.at(T0).chat("CHAT_ENDED", "SYSTEM", "s2").resolved(false).build());
        assertThat(only(TaskType.RECOVERY).changeReason()).isEqualTo("chat ended unresolved");
        tasks.clear();
        receive(Contacts.at(T0).chat("CHAT_ENDED", "SYSTEM", "s3").resolved(true).rating(4).build());
        assertThat(tasks).isEmpty();
    }

    @Test
    void aCancelledOrderOrAReturnNeedsFollowUp() {
        receive(Contacts.at(T0).shop("ORDER_CANCELLED", "o1").build());
        receive(Contacts.at(T0).shop("RETURN_REQUESTED", "o2").build());
        assertThat(tasks).extracting(FollowUpTask::type).containsExactly(TaskType.ORDER_FOLLOW_UP, TaskType.ORDER_FOLLOW_UP);
    }

    @Test
    void aDeliveredOrderGetsASurveyInTwoDaysClosedWhenAnswered() {
        receive(Contacts.at(T0).shop("ORDER_DELIVERED", "o1").build());
        assertThat(only(TaskType.SURVEY).dueAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
        receive(Contacts.at(T0.plus(Duration.ofDays(1))).shop("REVIEW_SUBMITTED", "o1").rating(5).build());
        assertThat(only(TaskType.SURVEY).status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(only(TaskType.THANK_YOU).dueAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
    }

    @Test
    void aLowReviewNeedsRecoveryAndAThankYou() {
        receive(Contacts.at(T0).shop("REVIEW_SUBMITTED", "o1").rating(2).build());
        assertThat(tasks).extracting(FollowUpTask::type).containsExactly(TaskType.RECOVERY, TaskType.THANK_YOU);
    }

    @Test
    void theClockEscalatesAnOverdueTaskThroughEachTierExactlyOnce() {
        receive(Contacts.at(T0).inboundEmail("email:m1").build());
        FollowUpTask reply = only(TaskType.REPLY);
        assertThat(promises.onClock(reply, T0.plus(Duration.ofMinutes(119)))).isEmpty();

        List<FollowUpTask> first = promises.onClock(reply, T0.plus(Duration.ofHours(3)));
        assertThat(first).singleElement().satisfies(t -> {
            assertThat(t.escalationTier()).isEqualTo(1);
            assertThat(t.queue()).isEqualTo("second-line");
            assertThat(t.priority()).isEqualTo(Priority.HIGH);
            assertThat(t.changedAt()).as("stamped with when it fell due, not when the clock ran").isEqualTo(reply.dueAt());
        });
        assertThat(promises.onClock(first.get(0), T0.plus(Duration.ofHours(3)))).as("no double escalation").isEmpty();

        List<FollowUpTask> second = promises.onClock(first.get(0), T0.plus(Duration.ofDays(3)));
        assertThat(second).singleElement().satisfies(t -> {
            assertThat(t.escalationTier()).isEqualTo(2);
            assertThat(t.queue()).isEqualTo("supervisors");
            assertThat(t.priority()).isEqualTo(Priority.URGENT);
        });
        assertThat(promises.onClock(second.get(0), T0.plus(Duration.ofDays(30)))).as("top of the ladder").isEmpty();
        assertThat(promises.nextEscalationAt(second.get(0))).isEmpty();
    }

    @Test
    void aLateReplyStillClosesTheTaskRecordsTheEscalationsItMissedAndThatItWasLate() {
        receive(Contacts.at(T0).inboundEmail("email:m1").build());
        // Due at T0+2h: tier 1 then, tier 2 four hours later (T0+6h); the reply comes after both.
        List<FollowUpTask> changes = receive(Contacts.at(T0.plus(Duration.ofHours(7))).outboundEmail("email:m1", "agent-1").build());

        assertThat(changes).extracting(FollowUpTask::escalationTier).containsExactly(1, 2, 2);
        FollowUpTask closed = only(TaskType.REPLY);
        assertThat(closed.status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(closed.closedLate()).isTrue();
        assertThat(closed.version()).isEqualTo(4);
    }

    @Test
    void aCustomerWhoCallsWhileAReplyIsOwedGetsItEscalatedAtOnce() {
        receive(Contacts.at(T0).inboundEmail("email:m1").build());
        receive(Contacts.at(T0.plus(Duration.ofMinutes(30))).call(Direction.INBOUND, "ANSWERED", "c1", "agent-2").build());

        FollowUpTask reply = only(TaskType.REPLY);
        assertThat(reply.escalationTier()).isEqualTo(1);
        assertThat(reply.changeReason()).isEqualTo("escalated: customer chasing on PHONE");
        assertThat(reply.changedAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void chasingEndsInTheSameStateWhetherTheClockRanBeforeOrAfterTheContactWasApplied() {
        Contact email = Contacts.at(T0).inboundEmail("email:m1").build();
        Contact call = Contacts.at(T0.plus(Duration.ofMinutes(30))).call(Direction.INBOUND, "ANSWERED", "c1", "agent-2").build();
        Instant muchLater = T0.plus(Duration.ofDays(2));

        receive(email);
        only(TaskType.REPLY);
        promises.onClock(only(TaskType.REPLY), muchLater).forEach(this::keep);
        receive(call);
        FollowUpTask clockFirst = only(TaskType.REPLY);

        PromiseKeepingTest contactFirst = new PromiseKeepingTest();
        contactFirst.receive(email);
        contactFirst.receive(call);
        promises.onClock(contactFirst.only(TaskType.REPLY), muchLater).forEach(contactFirst::keep);

        FollowUpTask after = contactFirst.only(TaskType.REPLY);
        assertThat(after.escalationTier()).isEqualTo(clockFirst.escalationTier()).isEqualTo(2);
        assertThat(after.changedAt()).isEqualTo(clockFirst.changedAt());
        assertThat(after.changeReason()).isEqualTo(clockFirst.changeReason());
    }

    @Test
    void aChaseAppliedBeforeTheMessageItChasesStillEscalatesTheReply() {
        Contact email = Contacts.at(T0).inboundEmail("email:m1").build();
        Contact call = Contacts.at(T0.plus(Duration.ofMinutes(30))).call(Direction.INBOUND, "ANSWERED", "c1", "agent-2").build();
        receive(call);
        receive(email);

        FollowUpTask reply = only(TaskType.REPLY);
        assertThat(reply.escalationTier()).isEqualTo(1);
        assertThat(reply.changeReason()).isEqualTo("escalated: customer chasing on PHONE");
        assertThat(reply.changedAt()).isEqualTo(call.occurredAt());
    }

    @Test
    void aChaseAfterTheDueTimeGoesOneTierAboveTheClock() {
        receive(Contacts.at(T0).inboundEmail("email:m1").build());
        receive(Contacts.at(T0.plus(Duration.ofHours(3))).call(Direction.INBOUND, "ANSWERED", "c1", "agent-2").build());
        assertThat(only(TaskType.REPLY).escalationTier()).isEqualTo(2);
        assertThat(only(TaskType.REPLY).changeReason()).isEqualTo("escalated: customer chasing on PHONE");
    }

    @Test
    void anotherMessageInTheSameChannelIsNotChasing() {
        receive(Contacts.at(T0).inboundEmail("email:m1").build());
        receive(Contacts.at(T0.plusSeconds(60)).inboundEmail("email:m1").build());
        assertThat(only(TaskType.REPLY).escalationTier()).isZero();
    }

    @Test
    void tasksAreSuggestedToTheLastHandlerUnlessAbsent() {
        receive(Contacts.at(T0).inboundEmail("email:m1").build(), new HandlerContinuity("agent-1", Set.of()));
        assertThat(only(TaskType.REPLY).assignee()).isEqualTo("agent-1");
        tasks.clear();
        receive(Contacts.at(T0).inboundEmail("email:m2").build(), new HandlerContinuity("agent-1", Set.of("agent-1")));
        assertThat(only(TaskType.REPLY).assignee()).isNull();
    }

    @Test
    void aFulfillingContactThatArrivedFirstClosesTheTaskWhenTheTriggerArrives() {
        Contact callback = Contacts.at(T0.plus(Duration.ofMinutes(10))).call(Direction.OUTBOUND, "ANSWERED", "c2", "agent-1").build();
        receive(callback);
        receive(Contacts.at(T0).call(Direction.INBOUND, "MISSED", "c1", null).build());

        FollowUpTask task = only(TaskType.CALLBACK);
        assertThat(task.status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(task.closedByContactId()).isEqualTo(callback.contactId());
    }

    @Test
    void theSameContactsInAnyArrivalOrderYieldTheSameTasks() {
        List<Contact> story = List.of(
                Contacts.at(T0).inboundEmail("email:m1").build(),
                Contacts.at(T0.plus(Duration.ofMinutes(30))).call(Direction.INBOUND, "MISSED", "c1", null).build(),
                Contacts.at(T0.plus(Duration.ofHours(3))).call(Direction.OUTBOUND, "ANSWERED", "c2", "agent-1").build(),
                Contacts.at(T0.plus(Duration.ofHours(6))).outboundEmail("email:m1", "agent-1").build());
        story.forEach(this::receive);
        List<FollowUpTask> inOrder = List.copyOf(tasks);

        PromiseKeepingTest replay = new PromiseKeepingTest();
        replay.receive(story.get(0));
        replay.receive(story.get(2));
        replay.receive(story.get(1));
        replay.receive(story.get(3));

        assertThat(replay.tasks).containsExactlyInAnyOrderElementsOf(inOrder);
    }

    @Test
    void aRedeliveredTriggerOpensNothingNew() {
        Contact mail = Contacts.at(T0).inboundEmail("email:m1").build();
        receive(mail);
        assertThat(receive(mail)).isEmpty();
    }

    @Test
    void dueTimesCountOnlyTheQueuesBusinessHours() {
        BusinessCalendar office = BusinessCalendar.weekly(ZoneId.of("Europe/Ljubljana"), Map.of(
                DayOfWeek.MONDAY, new BusinessCalendar.Hours(LocalTime.of(8, 0), LocalTime.of(16, 0)),
                DayOfWeek.FRIDAY, new BusinessCalendar.Hours(LocalTime.of(8, 0), LocalTime.of(16, 0))));
        FollowUpSettings officeHours = new FollowUpSettings(Duration.ofHours(2), Duration.ofHours(2), Duration.ofMinutes(15),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(24),
                Duration.ofDays(2), Duration.ofDays(1), 2, false, ladder, Map.of("general", office));
        PromiseKeeping keeping = new PromiseKeeping(new FollowUpRules(officeHours), ladder);
        // Friday 2026-11-27 15:00 CET: one hour today, one on Monday from 08:00.
        Instant fridayAfternoon = Instant.parse("2026-11-27T14:00:00Z");

        List<FollowUpTask> opened = keeping.onContact(Contacts.at(fridayAfternoon).inboundEmail("email:f").build(),
                CUSTOMER, List.of(), List.of(), HandlerContinuity.NONE);

        assertThat(opened.get(0).dueAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    }
}
