package io.omnirouter.history.followup.model;

import io.omnirouter.history.consent.model.Consents;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.customer.model.Uuids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps the promises made to one customer. Its tasks are a fold over the customer's contacts in event-time
 * order ({@link #EVENT_TIME_ORDER}: {@code occurredAt}, then contact id), with the agents' decisions at their
 * times and the clock's escalations as points in event time ({@link EscalationLadder#reachedAt}) reached once
 * they are in the past of {@code now}: {@link #derive}. So the tasks depend on which contacts the customer has,
 * never on the order they were applied in, on when the clock ran, or on redeliveries.
 *
 * <p>Each contact opens, closes, supersedes or escalates (a chased reply) tasks; before a contact or a decision
 * changes a task, the escalations the task had reached by then are recorded first, stamped with the time they
 * were reached. The clock ({@link #onClock}) escalates open tasks between two derivations: what it records is
 * what the next derivation at that time would give (escalation is monotone in time), so it needs no fold.
 */
public final class PromiseKeeping {

    /** The order contacts are applied in: event time, then contact id as PostgreSQL orders uuids. */
    public static final Comparator<Contact> EVENT_TIME_ORDER =
            Comparator.comparing(Contact::occurredAt).thenComparing(Contact::contactId, Uuids.ORDER);

    private final FollowUpRules rules;
    private final EscalationLadder ladder;
    /** The rules' settings and the ladder as the fingerprint reads them: both are immutable, so written out once. */
    private final String rulesAndLadder;

    public PromiseKeeping(FollowUpRules rules, EscalationLadder ladder) {
        this.rules = rules;
        this.ladder = ladder;
        this.rulesAndLadder = rules + "|" + ladder;
    }

    /**
     * The tasks of {@code customerId}: every version of each, as applying its contacts one by one in event-time
     * order gives them, then the clock at {@code now}.
     *
     * @param contacts  the customer's contacts (those of customers merged into it included), in any order; a
     *                  contact given twice counts once
     * @param decisions agents' decisions on tasks of these contacts, in any order
     * @param absences  agents' absences: a task is not suggested to an agent absent when it is opened
     */
    public DerivedTasks derive(UUID customerId, Collection<Contact> contacts, Collection<TaskDecision> decisions,
                               Collection<AgentAbsence> absences, Instant now) {
        return derivation(customerId, contacts, decisions, absences, now).tasks();
    }

    /**
     * What {@link #derive} gives, with where the fold stood after the latest contact, to continue from next time.
     *
     * @return no checkpoint when there are no contacts
     */
    public Derivation derivation(UUID customerId, Collection<Contact> contacts, Collection<TaskDecision> decisions,
                                 Collection<AgentAbsence> absences, Instant now) {
        Fold fold = new Fold(customerId, absences);
        fold(fold, contacts, decisions, now);
        return new Derivation(new DerivedTasks(fold.histories), Optional.ofNullable(fold.checkpoint));
    }

    /**
     * Whether {@link #continueFrom} may continue {@code checkpoint} with {@code newer}: every one of them comes after
     * it in event-time order, and the rules and absences are those it was folded with.
     */
    public boolean continues(FoldCheckpoint checkpoint, Collection<Contact> newer, Collection<AgentAbsence> absences) {
        return checkpoint.fingerprint().equals(fingerprint(absences)) && newer.stream().allMatch(checkpoint::precedes);
    }

    /**
     * The customer's tasks as {@link #derivation} from all its contacts would give them, from the checkpoint and the
     * contacts after it ({@link #continues} must hold): the tasks open at the checkpoint and those the newer contacts
     * open, each history from its version at the checkpoint on. Tasks done before the checkpoint are not in it: no
     * later contact or decision changes them.
     *
     * @param decisions decisions on the customer's tasks; those the checkpoint already applied are skipped
     */
    public Derivation continueFrom(FoldCheckpoint checkpoint, UUID customerId, Collection<Contact> newer,
                                   Collection<TaskDecision> decisions, Collection<AgentAbsence> absences, Instant now) {
        if (!continues(checkpoint, newer, absences)) {
            throw new IllegalArgumentException("the checkpoint after contact " + checkpoint.afterContactId()
                    + " cannot be continued with these contacts, rules and absences");
        }
        Fold fold = new Fold(customerId, absences);
        fold.resume(checkpoint);
        fold(fold, newer, decisions.stream().filter(decision -> !checkpoint.hasApplied(decision)).toList(), now);
        return new Derivation(new DerivedTasks(fold.histories), Optional.ofNullable(fold.checkpoint));
    }

    /**
     * What a fold depends on besides the contacts and the decisions: the rules' settings, the ladder and the agents'
     * absences, as a SHA-256 digest (a fingerprint to compare, not a secret: the JDK's digest is enough).
     */
    public String fingerprint(Collection<AgentAbsence> absences) {
        StringBuilder text = new StringBuilder(rulesAndLadder);
        absences.stream().sorted(Comparator.comparing(AgentAbsence::agentId).thenComparing(AgentAbsence::from)
                        .thenComparing(AgentAbsence::until))
                .forEach(absence -> text.append('|').append(absence));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * A customer's tasks, and where the fold stood after the latest contact.
     *
     * @param checkpoint empty if the fold had no contact
     */
    public record Derivation(DerivedTasks tasks, Optional<FoldCheckpoint> checkpoint) {
    }

    /**
     * Why {@code decision} is refused, applied at its place among the customer's contacts and the decisions kept
     * before it: its task was not open there (done, or not yet opened, in event time), or taking it would take the
     * effect of a kept decision away (a completion placed before a kept completion, at the same instant or earlier:
     * the first one applied wins, as the agent who was answered first expects). Live and a rebuild apply the actions
     * in the log's order, so both keep the same decisions.
     *
     * @param contacts  the contacts of the customer holding the task's trigger, in any order
     * @param decisions the decisions already kept on those contacts' tasks, in any order
     * @return empty if it changes the task; else the task's status ("not opened" if it was not yet): at its place,
     *         or, when it would displace a kept decision, as the kept ones leave it
     */
    public Optional<String> refusalOf(TaskDecision decision, UUID customerId, Collection<Contact> contacts,
                                      Collection<TaskDecision> decisions) {
        List<TaskDecision> kept = decisions.stream().filter(other -> !other.actionId().equals(decision.actionId())).toList();
        List<TaskDecision> all = new ArrayList<>(kept);
        all.add(decision);
        Fold with = new Fold(customerId, List.of());
        fold(with, contacts, all, decision.decidedAt());
        String refusal = with.refusals.get(decision.actionId());
        if (refusal != null) {
            return Optional.of(refusal);
        }
        Fold without = new Fold(customerId, List.of());
        fold(without, contacts, kept, decision.decidedAt());
        boolean displacesAKeptOne = with.refusals.keySet().stream().anyMatch(id -> !without.refusals.containsKey(id));
        if (!displacesAKeptOne) {
            return Optional.empty();
        }
        FollowUpTask task = without.current(decision.taskId());
        return Optional.of(task == null ? "not opened" : task.status().name());
    }

    /** Applies the contacts in event-time order with the decisions at their places, then the clock at {@code now}. */
    private void fold(Fold fold, Collection<Contact> contacts, Collection<TaskDecision> decisions, Instant now) {
        Map<UUID, Contact> distinct = new LinkedHashMap<>();
        contacts.forEach(contact -> distinct.putIfAbsent(contact.contactId(), contact));
        List<Contact> inOrder = distinct.values().stream().sorted(EVENT_TIME_ORDER).toList();
        List<TaskDecision> decided = decisions.stream().sorted(TaskDecision.ORDER).toList();
        int next = 0;
        for (Contact contact : inOrder) {
            // A decision taken at the same instant as a contact comes after it.
            while (next < decided.size() && decided.get(next).decidedAt().isBefore(contact.occurredAt())) {
                fold.decide(decided.get(next++));
            }
            fold.receive(contact);
        }
        if (!inOrder.isEmpty()) {
            fold.checkpointAfter(inOrder.get(inOrder.size() - 1));
        }
        while (next < decided.size()) {
            fold.decide(decided.get(next++));
        }
        fold.clockAt(now);
    }

    /** Escalations {@code task} has reached by {@code now}, each a version stamped with the time it was reached. */
    public List<FollowUpTask> onClock(FollowUpTask task, Instant now) {
        List<FollowUpTask> changes = new ArrayList<>();
        if (task.isOpen()) {
            escalateUpTo(task, now, changes);
        }
        return changes;
    }

    /** When {@code task} would next escalate, or empty at the top of the ladder or when it is done. */
    public Optional<Instant> nextEscalationAt(FollowUpTask task) {
        if (!task.isOpen() || task.escalationTier() >= ladder.top()) {
            return Optional.empty();
        }
        return Optional.of(ladder.reachedAt(task.dueAt(), task.escalationTier() + 1));
    }

    /** One customer's tasks while its contacts are applied in event-time order. */
    private final class Fold {

        private final UUID customerId;
        private final Collection<AgentAbsence> absences;
        /** Every task's versions so far, in the order the tasks were opened. */
        private final Map<UUID, List<FollowUpTask>> histories = new LinkedHashMap<>();
        /**
         * The latest version of each open task, in the order of {@link #histories}: kept as versions are recorded,
         * because every contact asks for it and a customer's closed tasks outnumber its open ones.
         */
        private final Map<UUID, FollowUpTask> open = new LinkedHashMap<>();
        /** The decisions that changed nothing, by action id: the status their task had then. */
        private final Map<UUID, String> refusals = new HashMap<>();
        /** The agent of the latest contact so far that an agent handled. */
        private String lastHandler;
        /** The customer's consents as they stand after the contacts so far (a rule's input, from the fold). */
        private Consents consents = new Consents();
        /** Where the fold stood after its latest contact, before later decisions and the clock. */
        private FoldCheckpoint checkpoint;
        /** The contacts received so far (and those of the checkpoint resumed); null when a resumed one did not say. */
        private FoldedContacts folded = FoldedContacts.NONE;

        Fold(UUID customerId, Collection<AgentAbsence> absences) {
            this.customerId = customerId;
            this.absences = List.copyOf(absences);
        }

        /** Goes on from where an earlier fold stood: its open tasks (each history from that version), continuity, consents. */
        void resume(FoldCheckpoint from) {
            from.openTasks().forEach(task -> {
                histories.put(task.taskId(), new ArrayList<>(List.of(task)));
                keepOpen(task);
            });
            lastHandler = from.lastHandler();
            consents = Consents.holding(from.consents());
            folded = from.folded();
            checkpoint = from;
        }

        void checkpointAfter(Contact latest) {
            checkpoint = new FoldCheckpoint(latest.occurredAt(), latest.contactId(), lastHandler, List.copyOf(consents.all()), openTasks(),
                    fingerprint(absences), folded);
        }

        void receive(Contact contact) {
            folded = folded == null ? null : folded.plus(contact.contactId());
            if (contact.agentId() != null) {
                lastHandler = contact.agentId(); // the trigger itself counts: an acknowledgement's promise is its agent's
            }
            Set<String> absent = absences.stream().filter(absence -> absence.covers(contact.occurredAt()))
                    .map(AgentAbsence::agentId).collect(Collectors.toSet());
            consents.apply(contact.contactId(), contact.occurredAt(), contact.consents());
            record(onContact(contact, customerId, openTasks(), new HandlerContinuity(lastHandler, absent), consents));
        }

        void decide(TaskDecision decision) {
            FollowUpTask task = current(decision.taskId());
            if (task == null || !task.isOpen()) {
                refusals.put(decision.actionId(), task == null ? "not opened" : task.status().name());
                return;
            }
            List<FollowUpTask> changes = new ArrayList<>();
            FollowUpTask reached = escalateUpTo(task, decision.decidedAt(), changes);
            changes.add(switch (decision.kind()) {
                case ASSIGN -> reached.assignedTo(decision.agentId(), decision.decidedAt());
                case COMPLETE -> reached.completedBy(decision.agentId(), decision.decidedAt());
                case RELEASE -> reached.releasedBy(decision.agentId(), decision.decidedAt());
            });
            record(changes);
        }

        void clockAt(Instant now) {
            List<FollowUpTask> changes = new ArrayList<>();
            openTasks().forEach(task -> escalateUpTo(task, now, changes));
            record(changes);
        }

        private List<FollowUpTask> openTasks() {
            return List.copyOf(open.values());
        }

        private FollowUpTask current(UUID taskId) {
            List<FollowUpTask> versions = histories.get(taskId);
            return versions == null ? null : versions.get(versions.size() - 1);
        }

        /** Versions that change nothing (an assignment to the agent it is with) are no versions. */
        private void record(List<FollowUpTask> changes) {
            for (FollowUpTask version : changes) {
                List<FollowUpTask> versions = histories.computeIfAbsent(version.taskId(), id -> new ArrayList<>());
                if (versions.isEmpty() || !versions.get(versions.size() - 1).sameStateAs(version)) {
                    // Numbered after the task's latest version: from 1, or from its version at a checkpoint.
                    long number = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
                    FollowUpTask numbered = version.numbered(number, version.changedAt(), version.changeReason());
                    versions.add(numbered);
                    keepOpen(numbered);
                }
            }
        }

        /** {@code latest}, the task's newest version, in {@link #open} if it is open, out of it if not. */
        private void keepOpen(FollowUpTask latest) {
            if (latest.isOpen()) {
                // In place, or appended with a task just opened (the last of histories too). Every status but OPEN is
                // final (TaskStatus), so a task that left this map is never put back out of its order.
                open.put(latest.taskId(), latest);
            } else {
                open.remove(latest.taskId());
            }
        }
    }

    /** One contact applied on top of the customer's open tasks, all of which it comes after in event time. */
    private List<FollowUpTask> onContact(Contact contact, UUID customerId, List<FollowUpTask> openTasks,
                                         HandlerContinuity continuity, Consents consents) {
        Map<UUID, FollowUpTask> open = new LinkedHashMap<>();
        openTasks.forEach(task -> open.put(task.taskId(), task));
        List<FollowUpTask> changes = new ArrayList<>();

        for (FollowUpTask task : List.copyOf(open.values())) {
            if (rules.fulfils(contact, task)) {
                close(task, contact, open, changes);
            }
        }
        for (FollowUpTask task : List.copyOf(open.values())) {
            chase(task, contact, open, changes);
        }
        for (FollowUpTask task : List.copyOf(open.values())) {
            withdraw(task, contact, consents, open, changes);
        }
        for (Function<Contact, Optional<Opening>> row : rules.rows()) {
            row.apply(contact).filter(opening -> rules.consented(opening.type(), consents))
                    .ifPresent(opening -> openTask(opening, contact, customerId, continuity, open, changes));
        }
        return changes;
    }

    private void openTask(Opening opening, Contact trigger, UUID customerId, HandlerContinuity continuity,
                          Map<UUID, FollowUpTask> open, List<FollowUpTask> changes) {
        // One promise of a kind per conversation: a second message in a thread is still the same promise.
        boolean sameOpenInThread = open.values().stream()
                .anyMatch(t -> t.type() == opening.type() && t.threadKey().equals(trigger.threadKey()));
        if (sameOpenInThread) {
            return;
        }
        if (opening.type() == TaskType.PROMISED_REPLY) {
            for (FollowUpTask replaced : List.copyOf(open.values())) {
                boolean replyHere = (replaced.type() == TaskType.REPLY || replaced.type() == TaskType.PROMISED_REPLY)
                        && replaced.threadKey().equals(trigger.threadKey());
                if (replyHere) {
                    FollowUpTask reached = escalateUpTo(replaced, trigger.occurredAt(), changes);
                    record(reached.supersededBy(trigger, "replaced by a promise to answer by " + opening.dueAt()), open, changes);
                }
            }
        }
        record(FollowUpTask.open(opening, trigger, customerId, continuity.suggestedAgent()), open, changes);
    }

    private void close(FollowUpTask task, Contact fulfilling, Map<UUID, FollowUpTask> open, List<FollowUpTask> changes) {
        FollowUpTask escalated = escalateUpTo(task, fulfilling.occurredAt(), changes);
        record(escalated.closedBy(fulfilling, "kept by " + fulfilling.channel() + " " + fulfilling.kind()
                + (fulfilling.occurredAt().isAfter(task.dueAt()) ? " (late)" : "")), open, changes);
    }

    /** A customer who contacts again on another channel while a reply is owed must not be passed around. */
    private void chase(FollowUpTask task, Contact contact, Map<UUID, FollowUpTask> open, List<FollowUpTask> changes) {
        boolean replyOwed = task.type() == TaskType.REPLY || task.type() == TaskType.PROMISED_REPLY;
        boolean chasing = contact.direction() == Direction.INBOUND && replyOwed && task.triggerChannel() != contact.channel()
                && !contact.occurredAt().isBefore(task.createdAt());
        if (!chasing || task.escalationTier() >= ladder.top()) {
            return;
        }
        FollowUpTask current = escalateUpTo(task, contact.occurredAt(), changes);
        // One tier above what the clock demands at that moment, not above the current tier.
        int tier = Math.min(ladder.top(), ladder.tierAt(task.dueAt(), contact.occurredAt()) + 1);
        if (current.escalationTier() < tier) {
            record(current.escalated(tier, ladder.queueOf(tier), contact.occurredAt(),
                    "escalated: customer chasing on " + contact.channel()), open, changes);
        } else if (current != task) {
            open.put(current.taskId(), current);
        }
    }

    /** A task that needs a consent the contact withdraws is cancelled then, its escalations up to then recorded first. */
    private void withdraw(FollowUpTask task, Contact contact, Consents consents, Map<UUID, FollowUpTask> open,
                          List<FollowUpTask> changes) {
        rules.consentNeededFor(task.type())
                .filter(purpose -> !consents.allows(purpose))
                .filter(purpose -> contact.consents().stream().anyMatch(change -> change.purpose() == purpose))
                .ifPresent(purpose -> {
                    FollowUpTask reached = escalateUpTo(task, contact.occurredAt(), changes);
                    record(reached.cancelled(contact.occurredAt(), "cancelled: the customer withdrew consent " + purpose
                            + " (" + contact.channel() + " " + contact.kind() + ")"), open, changes);
                });
    }

    private FollowUpTask escalateUpTo(FollowUpTask task, Instant at, List<FollowUpTask> changes) {
        FollowUpTask current = task;
        int reached = ladder.tierAt(task.dueAt(), at);
        for (int tier = current.escalationTier() + 1; tier <= reached; tier++) {
            current = current.escalated(tier, ladder.queueOf(tier), ladder.reachedAt(task.dueAt(), tier),
                    "escalated: overdue (tier " + tier + ")");
            changes.add(current);
        }
        return current;
    }

    private static void record(FollowUpTask version, Map<UUID, FollowUpTask> open, List<FollowUpTask> changes) {
        changes.add(version);
        if (version.isOpen()) {
            open.put(version.taskId(), version);
        } else {
            open.remove(version.taskId());
        }
    }
}
