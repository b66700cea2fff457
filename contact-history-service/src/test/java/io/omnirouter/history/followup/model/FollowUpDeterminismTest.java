package io.omnirouter.history.followup.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.contact.ContactKind;
import io.omnirouter.history.consent.model.ConsentPurpose;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The follow-up's determinism rule: the final tasks are a function of the contacts each customer holds (after
 * identity resolution) and of the rules, evaluated in event-time order, whatever the order the contacts, the clock's
 * ticks, redeliveries, merges and unmerges were applied in. First the failure modes the fault harness found, one by
 * one; then the same on random stories in random orders.
 */
class FollowUpDeterminismTest {

    private static final Instant T0 = Instant.parse("2026-01-12T09:00:00Z");
    /** The wall clock at the end of every run: long after every contact and every tier. */
    private static final Instant END = T0.plus(Duration.ofDays(20));
    private static final UUID ANA = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    private static final UUID CYD = UUID.fromString("00000000-0000-0000-0000-0000000000c3");

    private final PromiseKeeping promises = SpecPolicy.promises();

    private InMemoryTasks fresh() {
        return new InMemoryTasks(promises, T0);
    }

    // --- The failure modes, by name ---

    @Test
    void aReplyInTimeAppliedAfterTheClockEscalatedTheTaskUndoesTheEscalations() {
        Contact email = Contacts.at(T0).inboundEmail("email:m1").build();
        Contact reply = Contacts.at(T0.plus(Duration.ofMinutes(30))).outboundEmail("email:m1", "agent-1").build();

        InMemoryTasks late = fresh();
        late.receive(email, ANA);
        late.clock(END); // event times in the past: overdue by the wall clock at once, tier 2
        assertThat(only(late).escalationTier()).isEqualTo(2);
        assertThat(only(late).priority()).isEqualTo(Priority.URGENT);
        late.receive(reply, ANA);

        FollowUpTask kept = only(late);
        assertThat(kept.status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(kept.escalationTier()).isZero();
        assertThat(kept.priority()).isEqualTo(Priority.NORMAL);
        assertThat(kept.queue()).isEqualTo("general");
        assertThat(kept.closedLate()).isFalse();
        assertThat(kept.version()).as("open, tier 1, tier 2, then the derived state as one new version").isEqualTo(4);
        assertThat(kept.changeReason()).startsWith("re-derived in event-time order");
        assertThat(sameTasks(late.tasks(), inEventTimeOrder(Map.of(email, ANA, reply, ANA)))).isTrue();
    }

    @Test
    void aLateReplyKeepsTheEscalationsItMissedWhetherTheClockRanBeforeOrNot() {
        Contact email = Contacts.at(T0).inboundEmail("email:m1").build();
        Contact reply = Contacts.at(T0.plus(Duration.ofHours(7))).outboundEmail("email:m1", "agent-1").build();

        InMemoryTasks clockFirst = fresh();
        clockFirst.receive(email, ANA);
        clockFirst.clock(END);
        clockFirst.receive(reply, ANA);
        InMemoryTasks contactFirst = fresh();
        contactFirst.receive(email, ANA);
        contactFirst.receive(reply, ANA);
        contactFirst.clock(END);

        assertThat(only(clockFirst).escalationTier()).isEqualTo(2);
        assertThat(only(clockFirst).closedLate()).isTrue();
        assertThat(only(clockFirst).sameStateAs(only(contactFirst))).isTrue();
        assertThat(only(clockFirst).version()).as("the stored state was one the derivation passes through").isEqualTo(4);
    }

    @Test
    void aTaskOpenedBeforeAMergeBecomesTheSurvivorsWithTheSurvivorsLastHandler() {
        Contact handled = Contacts.at(T0).call(Direction.INBOUND, "ANSWERED", "c1", "agent-11").build();
        Contact summary = Contacts.at(T0.plus(Duration.ofMinutes(20))).outboundEmail("email:summary", "agent-11").build();
        Contact email = Contacts.at(T0.plus(Duration.ofHours(1))).inboundEmail("email:m1").build();

        InMemoryTasks mergedLater = fresh();
        mergedLater.receive(handled, ANA);
        mergedLater.receive(summary, ANA);
        mergedLater.receive(email, BOB);
        assertThat(task(mergedLater, TaskType.REPLY).customerId()).isEqualTo(BOB);
        assertThat(task(mergedLater, TaskType.REPLY).assignee()).isNull();
        mergedLater.move(List.of(email.contactId()), ANA); // BOB merged into ANA

        InMemoryTasks mergedFirst = fresh();
        mergedFirst.receive(email, ANA);
        mergedFirst.receive(summary, ANA);
        mergedFirst.receive(handled, ANA);

        FollowUpTask reply = task(mergedLater, TaskType.REPLY);
        assertThat(reply.customerId()).isEqualTo(ANA);
        assertThat(reply.assignee()).as("continuity from the contacts before the trigger in event time").isEqualTo("agent-11");
        assertThat(sameTasks(mergedLater.tasks(), mergedFirst.tasks())).isTrue();
    }

    @Test
    void aClosedTaskBelongsToTheCustomerHoldingItsTriggerAfterAMergeAndAnUnmerge() {
        Contact email = Contacts.at(T0).inboundEmail("email:m1").build();
        Contact reply = Contacts.at(T0.plus(Duration.ofMinutes(10))).outboundEmail("email:m1", "agent-1").build();

        InMemoryTasks tasks = fresh();
        tasks.receive(email, BOB);
        tasks.receive(reply, BOB);
        assertThat(task(tasks, TaskType.REPLY).status()).isEqualTo(TaskStatus.CLOSED);
        tasks.move(List.of(email.contactId(), reply.contactId()), ANA);
        assertThat(task(tasks, TaskType.REPLY).customerId()).isEqualTo(ANA);
        assertThat(task(tasks, TaskType.REPLY).changeReason()).isEqualTo("its contact now belongs to customer " + ANA);
        // The unmerge gives the trigger back, but not the reply: the promise to BOB is open again.
        tasks.move(List.of(email.contactId()), BOB);
        tasks.clock(END);

        assertThat(task(tasks, TaskType.REPLY).customerId()).isEqualTo(BOB);
        assertThat(task(tasks, TaskType.REPLY).status()).isEqualTo(TaskStatus.OPEN);
        assertThat(sameTasks(tasks.tasks(), inEventTimeOrder(Map.of(email, BOB, reply, ANA)))).isTrue();
    }

    @Test
    void aReplyAppliedBeforeTheMessageItAnswersClosesIt() {
        Contact email = Contacts.at(T0).inboundEmail("email:m1").build();
        Contact reply = Contacts.at(T0.plus(Duration.ofMinutes(10))).outboundEmail("email:m1", "agent-1").build();
        InMemoryTasks tasks = fresh();
        tasks.receive(reply, ANA);
        tasks.clock(END);
        tasks.receive(email, ANA);

        assertThat(task(tasks, TaskType.REPLY).status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(task(tasks, TaskType.REPLY).closedByContactId()).isEqualTo(reply.contactId());
        assertThat(task(tasks, TaskType.REPLY).escalationTier()).isZero();
    }

    @Test
    void anAcknowledgementAppliedBeforeTheMessageItAcknowledgesSupersedesTheReply() {
        Contact email = Contacts.at(T0).inboundEmail("email:m1").build();
        Contact ack = Contacts.at(T0.plus(Duration.ofMinutes(5))).outboundEmail("email:m1", "agent-1")
                .promising(T0.plus(Duration.ofDays(1))).build();
        InMemoryTasks tasks = fresh();
        tasks.receive(ack, ANA);
        tasks.receive(email, ANA);

        assertThat(task(tasks, TaskType.REPLY).status()).isEqualTo(TaskStatus.SUPERSEDED);
        assertThat(task(tasks, TaskType.PROMISED_REPLY).isOpen()).isTrue();
        assertThat(task(tasks, TaskType.PROMISED_REPLY).assignee()).isEqualTo("agent-1");
    }

    @Test
    void aSecondMessageAppliedBeforeTheFirstOpensATaskThatIsCancelledThenAndRevivedWithGrowingVersions() {
        Contact first = Contacts.at(T0).inboundEmail("email:m1").build();
        Contact second = Contacts.at(T0.plus(Duration.ofMinutes(10))).inboundEmail("email:m1").build();
        InMemoryTasks tasks = fresh();
        tasks.receive(second, ANA);
        UUID secondsTask = TaskIds.of(TaskType.REPLY, second.contactId());
        assertThat(task(tasks, TaskType.REPLY).taskId()).isEqualTo(secondsTask);

        tasks.receive(first, ANA);
        assertThat(task(tasks, TaskType.REPLY).taskId()).as("one promise per thread: the first message's").isEqualTo(
                TaskIds.of(TaskType.REPLY, first.contactId()));
        assertThat(tasks.publishedVersionsOf(secondsTask)).extracting(FollowUpTask::status)
                .containsExactly(TaskStatus.OPEN, TaskStatus.CANCELLED);

        // The first message turns out to be another customer's: the second one's promise is made again.
        tasks.move(List.of(first.contactId()), BOB);
        assertThat(tasks.publishedVersionsOf(secondsTask)).extracting(FollowUpTask::version).containsExactly(1L, 2L, 3L);
        assertThat(tasks.publishedVersionsOf(secondsTask).get(2).isOpen()).isTrue();
    }

    @Test
    void anAgentsCompletionSurvivesAReDerivationAndGivesWayToAContactThatKeptThePromiseBefore() {
        Contact email = Contacts.at(T0).inboundEmail("email:m1").build();
        InMemoryTasks tasks = fresh();
        tasks.receive(email, ANA);
        tasks.clock(T0.plus(Duration.ofMinutes(30)));
        tasks.decide(TaskIds.of(TaskType.REPLY, email.contactId()), TaskDecision.Kind.COMPLETE, "agent-3");
        tasks.receive(Contacts.at(T0.plusSeconds(5)).call(Direction.INBOUND, "MISSED", "c9", null).build(), ANA);
        assertThat(task(tasks, TaskType.REPLY).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task(tasks, TaskType.REPLY).assignee()).isEqualTo("agent-3");

        // A reply sent before the completion arrives late: the promise was kept by it, the completion changes nothing.
        Contact reply = Contacts.at(T0.plus(Duration.ofMinutes(20))).outboundEmail("email:m1", "agent-1").build();
        tasks.receive(reply, ANA);
        assertThat(task(tasks, TaskType.REPLY).status()).isEqualTo(TaskStatus.CLOSED);
        assertThat(task(tasks, TaskType.REPLY).closedByContactId()).isEqualTo(reply.contactId());
    }

    @Test
    void aRedeliveryChangesNothing() {
        Contact email = Contacts.at(T0).inboundEmail("email:m1").build();
        InMemoryTasks tasks = fresh();
        tasks.receive(email, ANA);
        tasks.clock(END);
        List<FollowUpTask> before = tasks.tasks();
        assertThat(tasks.receive(email, ANA)).isEmpty();
        assertThat(tasks.tasks()).isEqualTo(before);
    }

    // --- Random stories in random orders ---

    @Test
    void theSameContactsInAnyOrderWithClockTicksRedeliveriesMergesAndUnmergesGiveTheSameTasks() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            Story story = Story.random(random);
            List<FollowUpTask> expected = inEventTimeOrder(story.finalCustomers());
            for (int run = 0; run < 4; run++) {
                InMemoryTasks tasks = fresh();
                story.playInRandomOrder(tasks, random);
                tasks.clock(END);
                assertThat(sameTasks(tasks.tasks(), expected)).as("seed %d, run %d", seed, run).isTrue();
                assertThat(sameTasks(tasks.derivedFromScratch(), expected)).isTrue();
            }
        }
    }

    @Test
    void continuingFromCheckpointsPublishesExactlyWhatFoldingFromTheFirstContactPublishes() {
        List<InMemoryTasks> runs = playedWithAndWithoutCheckpoints(Story::playMostlyInOrder);
        assertThat(runs.stream().mapToInt(InMemoryTasks::continued).sum()).as("derivations that continued a checkpoint")
                .isGreaterThan(1000);
    }

    @Test
    void claimingQueuedContactsInBatchesPublishesWithCheckpointsExactlyWhatFoldingFromTheFirstContactPublishes() {
        List<InMemoryTasks> runs = playedWithAndWithoutCheckpoints(Story::playQueuedMostlyInOrder);
        assertThat(runs.stream().mapToInt(InMemoryTasks::continued).sum()).as("derivations that continued a checkpoint")
                .isGreaterThan(500);
        assertThat(runs.stream().mapToInt(InMemoryTasks::foldedAlready).sum())
                .as("of those, with a claimed contact the checkpoint had folded already").isGreaterThan(100);
    }

    /**
     * Plays 300 random stories three times each, with checkpoints and folding from the first contact, in the same
     * order, and asserts that both published the same versions.
     *
     * @return the runs with checkpoints
     */
    private List<InMemoryTasks> playedWithAndWithoutCheckpoints(WayOfPlaying play) {
        List<InMemoryTasks> runs = new ArrayList<>();
        for (int seed = 0; seed < 300; seed++) {
            Story story = Story.random(new Random(seed));
            for (int run = 0; run < 3; run++) {
                long order = seed * 31L + run;
                InMemoryTasks withCheckpoints = fresh();
                play.accept(story, withCheckpoints, new Random(order));
                withCheckpoints.clock(END);
                InMemoryTasks fromTheFirst = new InMemoryTasks(promises, T0, false);
                play.accept(story, fromTheFirst, new Random(order));
                fromTheFirst.clock(END);
                assertThat(withCheckpoints.published()).as("seed %d, run %d", seed, run).isEqualTo(fromTheFirst.published());
                runs.add(withCheckpoints);
            }
        }
        return runs;
    }

    @FunctionalInterface
    private interface WayOfPlaying {
        void accept(Story story, InMemoryTasks tasks, Random random);
    }

    /**
     * Contacts of three customers over two days, on shared threads (so that promises replace and keep each other),
     * consents given and withdrawn among them (so that surveys and thank-yous are opened, refused and cancelled);
     * BOB is merged into ANA at some point of the arrival order, and perhaps unmerged later.
     */
    private record Story(Map<Contact, UUID> customers, boolean merged, boolean unmerged) {

        static Story random(Random random) {
            int count = 6 + random.nextInt(10);
            List<Integer> minutes = IntStream.range(0, 48 * 60).boxed().collect(Collectors.toList());
            Collections.shuffle(minutes, random);
            Map<Contact, UUID> customers = new LinkedHashMap<>();
            UUID[] who = {ANA, BOB, CYD};
            for (int i = 0; i < count; i++) {
                Instant at = T0.plus(Duration.ofMinutes(minutes.get(i)));
                customers.put(contact(random, at), who[random.nextInt(who.length)]);
            }
            boolean merged = random.nextBoolean();
            return new Story(customers, merged, merged && random.nextBoolean());
        }

        private static Contact contact(Random random, Instant at) {
            String thread = "email:m" + random.nextInt(2);
            String agent = "agent-" + random.nextInt(3);
            ConsentPurpose purpose = random.nextBoolean() ? ConsentPurpose.MARKETING_SURVEYS : ConsentPurpose.THANK_YOU_MESSAGES;
            String conversation = "dm" + random.nextInt(2);
            return switch (random.nextInt(16)) {
                case 0, 1 -> Contacts.at(at).inboundEmail(thread).build();
                case 2 -> Contacts.at(at).outboundEmail(thread, agent).build();
                case 3 -> Contacts.at(at).outboundEmail(thread, agent).promising(at.plus(Duration.ofHours(1 + random.nextInt(30)))).build();
                case 4 -> Contacts.at(at).call(Direction.INBOUND, "MISSED", "c" + random.nextInt(1000), null).build();
                case 5 -> Contacts.at(at).call(Direction.OUTBOUND, "ANSWERED", "c" + random.nextInt(1000), agent).build();
                case 6 -> Contacts.at(at).call(Direction.INBOUND, "ANSWERED", "c" + random.nextInt(1000), agent).build();
                case 7 -> Contacts.at(at).chat(ContactKind.CHAT_MESSAGE, "CUSTOMER", "s" + random.nextInt(2)).build();
                case 8 -> Contacts.at(at).chat(ContactKind.CHAT_MESSAGE, "AGENT", "s" + random.nextInt(2)).build();
                case 9 -> Contacts.at(at).chat(ContactKind.CHAT_MESSAGE, "CUSTOMER", "s" + random.nextInt(2)).complaint("complaints").build();
                // Consents given and withdrawn, by themselves or with an order: SURVEY and THANK_YOU follow them.
                case 11 -> Contacts.at(at).consentChanged("c" + random.nextInt(1000)).consent(purpose, random.nextBoolean()).build();
                case 12 -> Contacts.at(at).shop(ContactKind.ORDER_DELIVERED, "o" + random.nextInt(2)).consent(purpose, random.nextBoolean()).build();
                // channel.social: private messages and unhappy public comments owe replies, an agent's answer keeps them.
                case 13 -> Contacts.at(at).social(random.nextBoolean() ? ContactKind.SOCIAL_MESSAGE : ContactKind.SOCIAL_COMMENT,
                        Direction.INBOUND, "instagram", conversation).intent(random.nextBoolean() ? Intent.COMPLAINT : Intent.QUESTION).build();
                case 14 -> Contacts.at(at).social(random.nextBoolean() ? ContactKind.SOCIAL_MESSAGE : ContactKind.SOCIAL_COMMENT,
                        Direction.OUTBOUND, "instagram", conversation).build();
                case 15 -> Contacts.at(at).chat(ContactKind.CHAT_MESSAGE, random.nextBoolean() ? "BOT" : "SYSTEM", "s" + random.nextInt(2)).build();
                default -> Contacts.at(at).shop(random.nextBoolean() ? ContactKind.ORDER_DELIVERED : ContactKind.REVIEW_SUBMITTED, "o" + random.nextInt(2))
                        .rating(1 + random.nextInt(5)).build();
            };
        }

        /** Who holds each contact once every identity change is applied. */
        Map<Contact, UUID> finalCustomers() {
            return merged && !unmerged ? customers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().equals(BOB) ? ANA : e.getValue())) : customers;
        }

        /** The contacts in a random order with redeliveries, clock ticks at random wall times, the merge and unmerge somewhere. */
        void playInRandomOrder(InMemoryTasks tasks, Random random) {
            List<Contact> order = new ArrayList<>(customers.keySet());
            Collections.shuffle(order, random);
            play(tasks, random, order, false);
        }

        /**
         * In event-time order but for a few contacts swapped with their neighbour (late ones), with agents' decisions
         * on open tasks between them: where the follow-up continues checkpoints most.
         */
        void playMostlyInOrder(InMemoryTasks tasks, Random random) {
            play(tasks, random, mostlyInOrder(random), true);
        }

        private List<Contact> mostlyInOrder(Random random) {
            List<Contact> order = new ArrayList<>(customers.keySet());
            order.sort(PromiseKeeping.EVENT_TIME_ORDER);
            for (int i = 1; i < order.size(); i++) {
                if (random.nextInt(10) == 0) {
                    Collections.swap(order, i - 1, i);
                }
            }
            return order;
        }

        /**
         * As {@link #playMostlyInOrder}, but the contacts are stored and queued, and the follow-up claims them in
         * batches of random size, as the service's applier does: a batch folds its customers' queued contacts too,
         * so contacts come to be claimed that their checkpoint has folded already, and others (late ones) it has not.
         */
        void playQueuedMostlyInOrder(InMemoryTasks tasks, Random random) {
            play(tasks, random, mostlyInOrder(random), true, true);
            while (tasks.hasQueued()) {
                tasks.claimQueued(1 + random.nextInt(4));
            }
        }

        private void play(InMemoryTasks tasks, Random random, List<Contact> order, boolean decisions) {
            play(tasks, random, order, decisions, false);
        }

        private void play(InMemoryTasks tasks, Random random, List<Contact> order, boolean decisions, boolean queued) {
            int mergeAt = merged ? random.nextInt(order.size() + 1) : -1;
            int unmergeAt = unmerged ? mergeAt + random.nextInt(order.size() + 1 - mergeAt) : -1;
            boolean bobIsAna = false;
            List<Contact> received = new ArrayList<>();
            for (int i = 0; i <= order.size(); i++) {
                if (i == mergeAt) {
                    bobIsAna = true;
                    tasks.move(ids(received, BOB), ANA);
                }
                if (i == unmergeAt) {
                    bobIsAna = false;
                    tasks.move(ids(received, BOB), BOB);
                }
                if (i == order.size()) {
                    break;
                }
                Contact contact = order.get(i);
                Function<Contact, UUID> holder = bobIsAna ? c -> customers.get(c).equals(BOB) ? ANA : customers.get(c) : customers::get;
                if (queued) {
                    tasks.store(contact, holder.apply(contact));
                    if (random.nextBoolean()) {
                        tasks.claimQueued(1 + random.nextInt(4));
                    }
                } else {
                    tasks.receive(contact, holder.apply(contact));
                }
                received.add(contact);
                if (random.nextInt(4) == 0) {
                    Contact again = received.get(random.nextInt(received.size()));
                    if (queued) {
                        tasks.store(again, holder.apply(again));
                    } else {
                        tasks.receive(again, holder.apply(again));
                    }
                }
                if (random.nextInt(3) == 0) {
                    tasks.clock(tasks.now().plus(Duration.ofMinutes(random.nextInt(6 * 24 * 60))));
                }
                // By id: the order tasks were stored in is the path's, not the state's (a continued fold stores fewer).
                List<FollowUpTask> open = tasks.tasks().stream().filter(FollowUpTask::isOpen)
                        .sorted(Comparator.comparing(FollowUpTask::taskId)).toList();
                if (decisions && !open.isEmpty() && random.nextInt(4) == 0) {
                    TaskDecision.Kind kind = TaskDecision.Kind.values()[random.nextInt(TaskDecision.Kind.values().length)];
                    tasks.decide(open.get(random.nextInt(open.size())).taskId(), kind, "agent-" + random.nextInt(3));
                }
            }
        }

        private List<UUID> ids(List<Contact> received, UUID originally) {
            return received.stream().filter(c -> customers.get(c).equals(originally)).map(Contact::contactId).toList();
        }
    }

    /** Every customer's tasks, its contacts applied one by one in event-time order, then the clock at the end. */
    private List<FollowUpTask> inEventTimeOrder(Map<Contact, UUID> customers) {
        InMemoryTasks tasks = fresh();
        customers.keySet().stream().sorted(PromiseKeeping.EVENT_TIME_ORDER).forEach(contact -> tasks.receive(contact, customers.get(contact)));
        tasks.clock(END);
        return tasks.tasks();
    }

    /** The same tasks in the same states (versions, change times and reasons tell the path, not the state). */
    private static boolean sameTasks(List<FollowUpTask> actual, List<FollowUpTask> expected) {
        Map<UUID, FollowUpTask> byId = new LinkedHashMap<>();
        expected.forEach(task -> byId.put(task.taskId(), task));
        if (actual.size() != expected.size()) {
            return false;
        }
        return actual.stream().allMatch(task -> byId.containsKey(task.taskId()) && byId.get(task.taskId()).sameStateAs(task));
    }

    private static FollowUpTask only(InMemoryTasks tasks) {
        assertThat(tasks.tasks()).hasSize(1);
        return tasks.tasks().get(0);
    }

    private static FollowUpTask task(InMemoryTasks tasks, TaskType type) {
        List<FollowUpTask> ofType = tasks.tasks().stream().filter(t -> t.type() == type).toList();
        assertThat(ofType).hasSize(1);
        return ofType.get(0);
    }
}
