package io.omnirouter.history.followup.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.contact.ContactKind;
import io.omnirouter.history.consent.model.ConsentPurpose;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.Priority;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every row of contact-history-service/docs/follow-up-policy.md, escalation, chasing, continuity and event-time order, on a controllable clock, through the
 * derivation the service runs ({@link InMemoryTasks}).
 */
class PromiseKeepingTest {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z"); // a Monday
    private static final UUID CUSTOMER = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

    private final PromiseKeeping promises = SpecPolicy.promises();

    /** The customer's tasks as the service stores them; wall time starts at T0 and moves with {@link #clock}. */
    private InMemoryTasks book = new InMemoryTasks(promises, T0);

    private List<FollowUpTask> receive(Contact contact) {
        return book.receive(contact, CUSTOMER);
    }

    private List<FollowUpTask> clock(Instant at) {
        return book.clock(at);
    }

    private List<FollowUpTask> tasks() {
        return book.tasks();
    }

    private FollowUpTask only(TaskType type) {
        List<FollowUpTask> ofType = tasks().stream().filter(t -> t.type() == type).toList();
        assertThat(ofType).hasSize(1);
        return ofType.get(0);
    }

    private void startOver() {
        book = new InMemoryTasks(promises, T0);
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
        receive(Contacts.at(T0).chat(ContactKind.CHAT_MESSAGE, "CUSTOMER", "s1").build());
        assertThat(only(TaskType.REPLY).dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        receive(Contacts.at(T0.plusSeconds(120)).chat(ContactKind.CHAT_MESSAGE, "AGENT", "s1").build());
        assertThat(only(TaskType.REPLY).status()).isEqualTo(TaskStatus.CLOSED);
    }

    @Test
    void aContactFormNeedsAReplyToo() {
        receive(Contacts.at(T0).shop(ContactKind.CONTACT_FORM, "none").build());
        assertThat(only(TaskType.REPLY).dueAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    /** A bot's greeting or the chat system's "an agent will be with you shortly" is written to the customer, but answers nothing. */
    @Test
    void aChatMessageOfABotOrTheSystemIsNoReplyOnlyAnAgentsIs() {
        receive(Contacts.at(T0).chat(ContactKind.CHAT_MESSAGE, "CUSTOMER", "s1").build());
        receive(Contacts.at(T0.plusSeconds(5)).chat(ContactKind.CHAT_MESSAGE, "BOT", "s1").build());
        receive(Contacts.at(T0.plusSeconds(10)).chat(ContactKind.CHAT_MESSAGE, "SYSTEM", "s1").build());
        assertThat(only(TaskType.REPLY).isOpen()).as("bot and system messages leave the reply owed").isTrue();

        receive(Contacts.at(T0.plusSeconds(120)).chat(ContactKind.CHAT_MESSAGE, "AGENT", "s1").build());
        assertThat(only(TaskType.REPLY).status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(only(TaskType.REPLY).closedAt()).isEqualTo(T0.plusSeconds(120));
    }

    // --- channel.social: private messages and public comments ---

    @Test
    void aPrivateSocialMessageNeedsAReplyWithinAnHourKeptByTheAgentsReplyInTheSameConversation() {
        receive(Contacts.at(T0).social(ContactKind.SOCIAL_MESSAGE, Direction.INBOUND, "whatsapp", "c1").build());
        FollowUpTask reply = only(TaskType.REPLY);
        assertThat(reply.dueAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(reply.threadKey()).isEqualTo("social:whatsapp:c1");

        receive(Contacts.at(T0.plusSeconds(600)).social(ContactKind.SOCIAL_MESSAGE, Direction.OUTBOUND, "whatsapp", "other").build());
        assertThat(only(TaskType.REPLY).isOpen()).as("a reply in another conversation").isTrue();

        receive(Contacts.at(T0.plusSeconds(900)).social(ContactKind.SOCIAL_MESSAGE, Direction.OUTBOUND, "whatsapp", "c1").build());
        assertThat(only(TaskType.REPLY).status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(only(TaskType.REPLY).closedByContactId()).isNotNull();
    }

    @Test
    void anOutboundSocialAcknowledgementIsNoReplyItPromisesOne() {
        receive(Contacts.at(T0).social(ContactKind.SOCIAL_MESSAGE, Direction.INBOUND, "messenger", "c1").build());
        Instant promised = T0.plus(Duration.ofHours(4));
        receive(Contacts.at(T0.plusSeconds(60)).social(ContactKind.SOCIAL_MESSAGE, Direction.OUTBOUND, "messenger", "c1")
                .promising(promised).build());
        assertThat(only(TaskType.REPLY).status()).isEqualTo(TaskStatus.SUPERSEDED);
        assertThat(only(TaskType.PROMISED_REPLY).isOpen()).isTrue();

        receive(Contacts.at(T0.plus(Duration.ofHours(2))).social(ContactKind.SOCIAL_MESSAGE, Direction.OUTBOUND, "messenger", "c1").build());
        assertThat(only(TaskType.PROMISED_REPLY).status()).isEqualTo(TaskStatus.CLOSED);
    }

    @Test
    void aPublicComplaintNeedsAReplyWithinThirtyMinutesAndAnOwnerTheReplyKeepsOnlyTheFirst() {
        receive(Contacts.at(T0).social(ContactKind.SOCIAL_COMMENT, Direction.INBOUND, "facebook", "post-9").complaint("complaints").build());
        assertThat(only(TaskType.REPLY).dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(only(TaskType.REPLY).changeReason()).contains("public complaint");
        assertThat(only(TaskType.COMPLAINT).dueAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(only(TaskType.COMPLAINT).priority()).isEqualTo(Priority.HIGH);

        receive(Contacts.at(T0.plusSeconds(600)).social(ContactKind.SOCIAL_COMMENT, Direction.OUTBOUND, "facebook", "post-9").build());
        assertThat(only(TaskType.REPLY).status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(only(TaskType.COMPLAINT).isOpen()).as("an agent completes a complaint").isTrue();
    }

    @Test
    void aLowRatedPublicCommentNeedsAQuickReplyAndRecoveryAPrivateAnswerInItsConversationKeepsTheReply() {
        receive(Contacts.at(T0).social(ContactKind.SOCIAL_COMMENT, Direction.INBOUND, "instagram", "post-1")
                .intent(Intent.FEEDBACK).rating(2).build());
        assertThat(tasks()).extracting(FollowUpTask::type).containsExactlyInAnyOrder(TaskType.REPLY, TaskType.RECOVERY);
        assertThat(only(TaskType.REPLY).dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));

        receive(Contacts.at(T0.plusSeconds(300)).social(ContactKind.SOCIAL_MESSAGE, Direction.OUTBOUND, "instagram", "post-1").build());
        assertThat(only(TaskType.REPLY).status()).isEqualTo(TaskStatus.CLOSED);
    }

    @Test
    void aPlainOrHappyPublicCommentNeedsNoReplyAndAPrivateMessageOnlyTheUsualOne() {
        receive(Contacts.at(T0).social(ContactKind.SOCIAL_COMMENT, Direction.INBOUND, "instagram", "post-1").build());
        receive(Contacts.at(T0.plusSeconds(60)).social(ContactKind.SOCIAL_COMMENT, Direction.INBOUND, "instagram", "post-2")
                .intent(Intent.FEEDBACK).rating(3).build());
        assertThat(tasks()).isEmpty();

        receive(Contacts.at(T0.plusSeconds(120)).social(ContactKind.SOCIAL_MESSAGE, Direction.INBOUND, "instagram", "dm-1")
                .intent(Intent.FEEDBACK).rating(1).build());
        assertThat(only(TaskType.REPLY).dueAt()).as("a private message is no public comment").isEqualTo(T0.plusSeconds(120).plus(Duration.ofHours(1)));
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
        assertThat(tasks()).extracting(FollowUpTask::type).containsExactly(TaskType.CALLBACK, TaskType.CALLBACK);
    }

    @Test
    void anAgreedCallbackTimeIsTheDueTime() {
        Instant wednesday = T0.plus(Duration.ofDays(2));
        receive(Contacts.at(T0).call(Direction.INBOUND, "ANSWERED", "c1", "agent-1").callbackRequestedFor(wednesday).build());
        assertThat(only(TaskType.CALLBACK).dueAt()).isEqualTo(wednesday);
    }

    @Test
    void aVoicemailAskingForACallbackAtATimeIsDueThenNotInThirtyMinutes() {
        Instant wednesday = T0.plus(Duration.ofDays(2));
        receive(Contacts.at(T0).call(Direction.INBOUND, "VOICEMAIL", "c1", null).callbackRequestedFor(wednesday).build());
        assertThat(only(TaskType.CALLBACK).dueAt()).isEqualTo(wednesday);
    }

    @Test
    void anAnsweredCallNeedsAWrittenSummaryClosedByTheFollowUpEmail() {
        receive(Contacts.at(T0).call(Direction.INBOUND, "ANSWERED", "c1", "agent-1").build());
        assertThat(only(TaskType.CALL_SUMMARY).dueAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(only(TaskType.CALL_SUMMARY).assignee()).as("the agent who took the call").isEqualTo("agent-1");

        receive(Contacts.at(T0.plusSeconds(1800)).outboundEmail("email:summary", "agent-1").build());
        assertThat(only(TaskType.CALL_SUMMARY).status()).isEqualTo(TaskStatus.CLOSED);
    }

    @Test
    void aComplaintOnAnyChannelGetsAnOwnerAndADeadlineInItsQueue() {
        receive(Contacts.at(T0.minusSeconds(3600)).outboundEmail("email:earlier", "agent-7").build());
        receive(Contacts.at(T0).chat(ContactKind.CHAT_MESSAGE, "CUSTOMER", "s1").complaint("complaints").build());
        FollowUpTask complaint = only(TaskType.COMPLAINT);
        assertThat(complaint.queue()).isEqualTo("complaints");
        assertThat(complaint.assignee()).isEqualTo("agent-7");
        assertThat(complaint.priority()).isEqualTo(Priority.HIGH);
        assertThat(complaint.dueAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        clock(T0.plusSeconds(3600));
        book.decide(complaint.taskId(), TaskDecision.Kind.COMPLETE, "agent-7");
        assertThat(only(TaskType.COMPLAINT).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(only(TaskType.COMPLAINT).closedAt()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void aSecondComplaintMessageInTheSameThreadIsTheSamePromise() {
        receive(Contacts.at(T0).chat(ContactKind.CHAT_MESSAGE, "CUSTOMER", "s1").complaint("complaints").build());
        receive(Contacts.at(T0.plusSeconds(30)).chat(ContactKind.CHAT_MESSAGE, "CUSTOMER", "s1").complaint("complaints").build());
        assertThat(tasks().stream().filter(t -> t.type() == TaskType.COMPLAINT)).hasSize(1);
    }

    @Test
    void anUnhappyOrUnresolvedChatNeedsRecovery() {
        receive(Contacts.at(T0).chat(ContactKind.CHAT_ENDED, "SYSTEM", "s1").rating(1).build());
        assertThat(only(TaskType.RECOVERY).dueAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        startOver();
        receive(Contacts.at(T0).chat(ContactKind.CHAT_ENDED, "SYSTEM", "s2").resolved(false).build());
        assertThat(only(TaskType.RECOVERY).changeReason()).isEqualTo("chat ended unresolved");
        startOver();
        receive(Contacts.at(T0).chat(ContactKind.CHAT_ENDED, "SYSTEM", "s3").resolved(true).rating(4).build());
        assertThat(tasks()).isEmpty();
    }

    @Test
    void aCancelledOrderOrAReturnNeedsFollowUp() {
        receive(Contacts.at(T0).shop(ContactKind.ORDER_CANCELLED, "o1").build());
        receive(Contacts.at(T0).shop(ContactKind.RETURN_REQUESTED, "o2").build());
        assertThat(tasks()).extracting(FollowUpTask::type).containsExactly(TaskType.ORDER_FOLLOW_UP, TaskType.ORDER_FOLLOW_UP);
    }

    @Test
    void aDeliveredOrderGetsASurveyInTwoDaysClosedWhenAnswered() {
        receive(Contacts.at(T0).shop(ContactKind.ORDER_DELIVERED, "o1").build());
        assertThat(only(TaskType.SURVEY).dueAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
        receive(Contacts.at(T0.plus(Duration.ofDays(1))).shop(ContactKind.REVIEW_SUBMITTED, "o1").rating(5).build());
        assertThat(only(TaskType.SURVEY).status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(only(TaskType.THANK_YOU).dueAt()).isEqualTo(T0.plus(Duration.ofDays(2)));
    }

    @Test
    void aLowReviewNeedsRecoveryAndAThankYou() {
        receive(Contacts.at(T0).shop(ContactKind.REVIEW_SUBMITTED, "o1").rating(2).build());
        assertThat(tasks()).extracting(FollowUpTask::type).containsExactly(TaskType.RECOVERY, TaskType.THANK_YOU);
    }

    // --- Consent: SURVEY and THANK_YOU respect an opt-out, service tasks stay ---

    private static Contact optOut(Instant at, ConsentPurpose purpose) {
        return Contacts.at(at).consentChanged("out-" + at).consent(purpose, false).build();
    }

    private static Contact optIn(Instant at, ConsentPurpose purpose) {
        return Contacts.at(at).consentChanged("in-" + at).consent(purpose, true).build();
    }

    @Test
    void anOptedOutCustomersDeliveredOrderOpensNoSurveyWhileTheirEmailStillOpensAReply() {
        receive(optOut(T0, ConsentPurpose.MARKETING_SURVEYS));
        receive(Contacts.at(T0.plus(Duration.ofHours(1))).shop(ContactKind.ORDER_DELIVERED, "o1").build());
        receive(Contacts.at(T0.plus(Duration.ofHours(2))).inboundEmail("email:m1").build());

        assertThat(tasks()).extracting(FollowUpTask::type).containsExactly(TaskType.REPLY);
    }

    @Test
    void aDeliveredOrderThatItselfWithdrawsTheSurveyConsentOpensNoSurvey() {
        receive(Contacts.at(T0).shop(ContactKind.ORDER_DELIVERED, "o1").consent(ConsentPurpose.MARKETING_SURVEYS, false).build());
        assertThat(tasks()).isEmpty();
    }

    @Test
    void anOptOutAfterADeliveredOrderCancelsTheOpenSurveyNamingTheConsentAndLeavesTheComplaint() {
        Contact delivered = Contacts.at(T0).shop(ContactKind.ORDER_DELIVERED, "o1").build();
        receive(delivered);
        receive(Contacts.at(T0.plusSeconds(30)).inboundEmail("email:m1").complaint("complaints").build());
        UUID survey = TaskIds.of(TaskType.SURVEY, delivered.contactId());
        assertThat(only(TaskType.SURVEY).isOpen()).isTrue();

        Instant withdrawn = T0.plus(Duration.ofHours(5));
        receive(optOut(withdrawn, ConsentPurpose.MARKETING_SURVEYS));

        assertThat(tasks()).extracting(FollowUpTask::type).containsExactlyInAnyOrder(TaskType.REPLY, TaskType.COMPLAINT);
        FollowUpTask cancelled = book.publishedVersionsOf(survey).get(book.publishedVersionsOf(survey).size() - 1);
        assertThat(cancelled.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(cancelled.changedAt()).isEqualTo(withdrawn);
        assertThat(cancelled.changeReason()).contains("withdrew consent MARKETING_SURVEYS");
        assertThat(book.publishedVersionsOf(survey)).extracting(FollowUpTask::version).containsExactly(1L, 2L);

        // Later contacts derive the customer again: the cancelled survey stays as published, no version again.
        receive(Contacts.at(withdrawn.plusSeconds(60)).outboundEmail("email:m1", "agent-1").build());
        clock(T0.plus(Duration.ofDays(5)));
        assertThat(book.publishedVersionsOf(survey)).extracting(FollowUpTask::version).containsExactly(1L, 2L);
    }

    @Test
    void anOptOutOfThankYouMessagesCancelsNoSurveyAndAnOptOutAfterASurveyIsClosedChangesNothing() {
        receive(Contacts.at(T0).shop(ContactKind.ORDER_DELIVERED, "o1").build());
        receive(Contacts.at(T0.plus(Duration.ofHours(1))).shop(ContactKind.REVIEW_SUBMITTED, "o1").rating(2).build());
        assertThat(only(TaskType.SURVEY).status()).isEqualTo(TaskStatus.CLOSED);
        receive(optOut(T0.plus(Duration.ofHours(2)), ConsentPurpose.MARKETING_SURVEYS));
        assertThat(only(TaskType.SURVEY).status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(only(TaskType.THANK_YOU).isOpen()).isTrue();

        receive(optOut(T0.plus(Duration.ofHours(3)), ConsentPurpose.THANK_YOU_MESSAGES));
        assertThat(tasks()).extracting(FollowUpTask::type).containsExactlyInAnyOrder(TaskType.SURVEY, TaskType.RECOVERY);
        assertThat(only(TaskType.RECOVERY).isOpen()).isTrue();
    }

    @Test
    void optingInAgainLetsTheNextDeliveredOrderOpenASurvey() {
        receive(optOut(T0, ConsentPurpose.MARKETING_SURVEYS));
        receive(Contacts.at(T0.plus(Duration.ofHours(1))).shop(ContactKind.ORDER_DELIVERED, "o1").build());
        receive(optIn(T0.plus(Duration.ofHours(2)), ConsentPurpose.MARKETING_SURVEYS));
        assertThat(tasks()).as("opting in opens nothing by itself").isEmpty();

        Contact second = Contacts.at(T0.plus(Duration.ofHours(3))).shop(ContactKind.ORDER_DELIVERED, "o2").build();
        receive(second);
        assertThat(only(TaskType.SURVEY).triggerContactId()).isEqualTo(second.contactId());
    }

    @Test
    void theSameConsentStoryInEveryArrivalOrderYieldsTheSameTasks() {
        List<Contact> story = List.of(
                Contacts.at(T0).shop(ContactKind.ORDER_DELIVERED, "o1").build(),
                optOut(T0.plus(Duration.ofHours(1)), ConsentPurpose.MARKETING_SURVEYS),
                Contacts.at(T0.plus(Duration.ofHours(2))).shop(ContactKind.ORDER_DELIVERED, "o2").build(),
                Contacts.at(T0.plus(Duration.ofHours(3))).shop(ContactKind.REVIEW_SUBMITTED, "o2").rating(5).build(),
                optIn(T0.plus(Duration.ofHours(4)), ConsentPurpose.MARKETING_SURVEYS),
                Contacts.at(T0.plus(Duration.ofHours(5))).shop(ContactKind.ORDER_DELIVERED, "o3").consent(ConsentPurpose.THANK_YOU_MESSAGES, false).build());
        story.forEach(this::receive);
        Instant end = T0.plus(Duration.ofDays(10));
        clock(end);
        List<FollowUpTask> inOrder = tasks();
        assertThat(inOrder).extracting(FollowUpTask::type).as("o1's survey cancelled, none for o2, o3's opened, no thank-you")
                .containsExactly(TaskType.SURVEY);
        assertThat(inOrder.get(0).triggerContactId()).isEqualTo(story.get(5).contactId());

        for (List<Contact> order : permutations(story)) {
            startOver();
            order.forEach(this::receive);
            clock(end);
            assertThat(tasks()).as("arrival order %s", order).hasSameSizeAs(inOrder).allSatisfy(task -> assertThat(inOrder)
                    .anySatisfy(expected -> assertThat(task.sameStateAs(expected)).isTrue()));
        }
    }

    private static List<List<Contact>> permutations(List<Contact> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Contact>> all = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<Contact> rest = new java.util.ArrayList<>(items);
            Contact first = rest.remove(i);
            for (List<Contact> tail : permutations(rest)) {
                List<Contact> order = new java.util.ArrayList<>(List.of(first));
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }

    @Test
    void theClockEscalatesAnOverdueTaskThroughEachTierExactlyOnce() {
        receive(Contacts.at(T0).inboundEmail("email:m1").build());
        FollowUpTask reply = only(TaskType.REPLY);
        assertThat(promises.onClock(reply, T0.plus(Duration.ofMinutes(119)))).isEmpty();

        List<FollowUpTask> first = clock(T0.plus(Duration.ofHours(3)));
        assertThat(first).singleElement().satisfies(t -> {
            assertThat(t.escalationTier()).isEqualTo(1);
            assertThat(t.queue()).isEqualTo("second-line");
            assertThat(t.priority()).isEqualTo(Priority.HIGH);
            assertThat(t.changedAt()).as("stamped with when it fell due, not when the clock ran").isEqualTo(reply.dueAt());
        });
        assertThat(clock(T0.plus(Duration.ofHours(3)))).as("no double escalation").isEmpty();

        List<FollowUpTask> second = clock(T0.plus(Duration.ofDays(3)));
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
        clock(muchLater);
        receive(call);
        FollowUpTask clockFirst = only(TaskType.REPLY);

        startOver();
        receive(email);
        receive(call);
        clock(muchLater);

        FollowUpTask after = only(TaskType.REPLY);
        assertThat(after.escalationTier()).isEqualTo(clockFirst.escalationTier()).isEqualTo(2);
        assertThat(after.sameStateAs(clockFirst)).isTrue();
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
        receive(Contacts.at(T0.minusSeconds(600)).outboundEmail("email:earlier", "agent-1").build());
        receive(Contacts.at(T0).inboundEmail("email:m1").build());
        assertThat(only(TaskType.REPLY).assignee()).isEqualTo("agent-1");

        startOver();
        book.absent(new AgentAbsence("agent-1", T0.minusSeconds(60), T0.plusSeconds(60)));
        receive(Contacts.at(T0.minusSeconds(600)).outboundEmail("email:earlier", "agent-1").build());
        receive(Contacts.at(T0).inboundEmail("email:m2").build());
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
        List<FollowUpTask> inOrder = tasks();

        startOver();
        receive(story.get(0));
        receive(story.get(2));
        receive(story.get(1));
        receive(story.get(3));

        assertThat(tasks()).hasSameSizeAs(inOrder).allSatisfy(task -> assertThat(inOrder)
                .anySatisfy(expected -> assertThat(task.sameStateAs(expected)).isTrue()));
    }

    @Test
    void aRedeliveredTriggerOpensNothingNew() {
        Contact mail = Contacts.at(T0).inboundEmail("email:m1").build();
        receive(mail);
        assertThat(receive(mail)).isEmpty();
    }

    @Test
    void assignmentsOfTheSameMillisecondApplyInTheOrderOfTheirActionIdsWhateverOrderTheyArriveIn() {
        Contact mail = Contacts.at(T0).inboundEmail("email:tie").build();
        FollowUpTask opened = promises.derive(CUSTOMER, List.of(mail), List.of(), List.of(), T0).latest().get(0);
        Instant sameMillisecond = T0.plusSeconds(60);
        TaskDecision toAna = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.ASSIGN, "ana",
                sameMillisecond, UUID.fromString("00000000-0000-0000-0000-000000000001"));
        TaskDecision toBor = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.ASSIGN, "bor",
                sameMillisecond, UUID.fromString("80000000-0000-0000-0000-000000000000"));

        for (List<TaskDecision> arrived : List.of(List.of(toAna, toBor), List.of(toBor, toAna))) {
            List<FollowUpTask> derived = promises.derive(CUSTOMER, List.of(mail), arrived, List.of(), sameMillisecond).latest();

            assertThat(derived).singleElement().satisfies(task -> assertThat(task.assignee()).isEqualTo("bor"));
        }
    }

    @Test
    void aTaskGivenBackToItsQueueIsNobodysUntilItIsClaimedAgainAndStaysSoWhenReDerived() {
        Contact mail = Contacts.at(T0).inboundEmail("email:released").build();
        FollowUpTask opened = promises.derive(CUSTOMER, List.of(mail), List.of(), List.of(), T0).latest().get(0);
        TaskDecision claimed = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.ASSIGN, "ana",
                T0.plusSeconds(60), UUID.randomUUID());
        TaskDecision released = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.RELEASE, "ana",
                T0.plusSeconds(120), UUID.randomUUID());
        TaskDecision claimedAgain = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.ASSIGN, "bor",
                T0.plusSeconds(180), UUID.randomUUID());

        FollowUpTask back = promises.derive(CUSTOMER, List.of(mail), List.of(released, claimed), List.of(), T0.plusSeconds(150))
                .latest().get(0);
        assertThat(back.assignee()).as("in its queue").isNull();
        assertThat(back.isOpen()).isTrue();
        assertThat(back.queue()).isEqualTo(opened.queue());
        assertThat(back.changeReason()).contains("back to queue", "ana");
        assertThat(promises.derive(CUSTOMER, List.of(mail), List.of(claimedAgain, released, claimed), List.of(), T0.plusSeconds(200))
                .latest().get(0).assignee()).isEqualTo("bor");
    }

    @Test
    void aDecisionIsRefusedWhereInEventTimeItsTaskIsDoneWhateverWasAppliedBeforeIt() {
        Contact mail = Contacts.at(T0).inboundEmail("email:refusal").build();
        FollowUpTask opened = promises.derive(CUSTOMER, List.of(mail), List.of(), List.of(), T0).latest().get(0);
        TaskDecision first = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.COMPLETE, "ana",
                T0.plusSeconds(60), UUID.randomUUID());
        TaskDecision second = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.ASSIGN, "bor",
                T0.plusSeconds(120), UUID.randomUUID());
        TaskDecision before = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.ASSIGN, "cid",
                T0.plusSeconds(30), UUID.randomUUID());

        assertThat(promises.refusalOf(first, CUSTOMER, List.of(mail), List.of())).isEmpty();
        // Completed at +60 s: an assignment at +120 s changes nothing, one at +30 s still does (it came first in event time).
        assertThat(promises.refusalOf(second, CUSTOMER, List.of(mail), List.of(first))).contains("COMPLETED");
        assertThat(promises.refusalOf(before, CUSTOMER, List.of(mail), List.of(first, second))).isEmpty();
        // The same decision kept already is not counted twice.
        assertThat(promises.refusalOf(first, CUSTOMER, List.of(mail), List.of(first))).isEmpty();
        // Before its trigger, a task is not opened yet.
        TaskDecision early = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.COMPLETE, "ana",
                T0.minusSeconds(1), UUID.randomUUID());
        assertThat(promises.refusalOf(early, CUSTOMER, List.of(mail), List.of())).contains("not opened");
    }

    @Test
    void aSecondCompletionIsRefusedEvenWhereInEventTimeItWouldComeFirst() {
        Contact mail = Contacts.at(T0).inboundEmail("email:second-completion").build();
        FollowUpTask opened = promises.derive(CUSTOMER, List.of(mail), List.of(), List.of(), T0).latest().get(0);
        Instant sameMillisecond = T0.plusSeconds(60);
        TaskDecision kept = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.COMPLETE, "ana",
                sameMillisecond, UUID.fromString("80000000-0000-0000-0000-000000000000"));
        // Its action id sorts first, so in the fold it would complete the task and leave the kept one nothing to do.
        TaskDecision sameInstant = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.COMPLETE, "bor",
                sameMillisecond, UUID.fromString("10000000-0000-0000-0000-000000000000"));
        TaskDecision earlier = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.COMPLETE, "cid",
                T0.plusSeconds(30), UUID.randomUUID());
        TaskDecision assignedEarlier = new TaskDecision(opened.taskId(), opened.triggerContactId(), TaskDecision.Kind.ASSIGN, "cid",
                T0.plusSeconds(30), UUID.randomUUID());

        assertThat(promises.refusalOf(sameInstant, CUSTOMER, List.of(mail), List.of(kept))).contains("COMPLETED");
        assertThat(promises.refusalOf(earlier, CUSTOMER, List.of(mail), List.of(kept))).contains("COMPLETED");
        // Taking nothing away from the kept completion, an earlier assignment is kept.
        assertThat(promises.refusalOf(assignedEarlier, CUSTOMER, List.of(mail), List.of(kept))).isEmpty();
    }

    @Test
    void dueTimesCountOnlyTheQueuesBusinessHours() {
        BusinessCalendar office = BusinessCalendar.weekly(ZoneId.of("Europe/Ljubljana"), Map.of(
                DayOfWeek.MONDAY, new BusinessCalendar.Hours(LocalTime.of(8, 0), LocalTime.of(16, 0)),
                DayOfWeek.FRIDAY, new BusinessCalendar.Hours(LocalTime.of(8, 0), LocalTime.of(16, 0))));
        PromiseKeeping keeping = SpecPolicy.promises(Map.of("general", office));
        // Friday 2026-11-27 15:00 CET: one hour today, one on Monday from 08:00.
        Instant fridayAfternoon = Instant.parse("2026-11-27T14:00:00Z");

        List<FollowUpTask> opened = keeping.derive(CUSTOMER, List.of(Contacts.at(fridayAfternoon).inboundEmail("email:f").build()),
                List.of(), List.of(), fridayAfternoon).latest();

        assertThat(opened.get(0).dueAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    }
}
