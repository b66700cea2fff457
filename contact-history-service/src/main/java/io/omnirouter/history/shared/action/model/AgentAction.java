package io.omnirouter.history.shared.action.model;

import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One action of an agent or supervisor, as accepted by the API and kept on {@code agent.actions}: the history applies
 * it from there, live and in a rebuild, so what agents did is part of the log the history is derived from.
 *
 * @param actionId   random, given when accepted; applying the same action again changes nothing
 * @param actor      who took it (the authenticated name)
 * @param actorRoles the actor's roles when it was accepted
 * @param occurredAt when it was accepted: the action's time in the history's order (docs/agent-actions.md)
 * @param reason     why, in the actor's words; null if none was given
 * @param customerId the customer it is about, as the actor saw it; null for absences
 */
public record AgentAction(UUID actionId, String actor, List<String> actorRoles, Instant occurredAt, String reason,
                          UUID customerId, Action action) {

    public AgentAction {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(actor, "actor");
        actorRoles = List.copyOf(actorRoles);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(action, "action");
    }

    /** The record key on agent.actions: the customer's id, or {@code agent:<id>} for an absence. */
    public String key() {
        if (customerId != null) {
            return customerId.toString();
        }
        if (action instanceof AbsenceSet absence) {
            return "agent:" + absence.agentId();
        }
        if (action instanceof AbsenceEnded absence) {
            return "agent:" + absence.agentId();
        }
        return actionId.toString();
    }

    /** What was done; one record type per kind of action, each applied by one {@code ActionHandler}. */
    public sealed interface Action permits TaskCompleted, TaskAssigned, TaskReleased, AbsenceSet, AbsenceEnded, MergeUndone,
            NoteAdded, SharedIdentifierCleared, CustomerErased {
    }

    /** The actor marked the task done. */
    public record TaskCompleted(UUID taskId) implements Action {
    }

    /** The actor assigned the task: to themselves (claimed it) or to a colleague (handed it over). */
    public record TaskAssigned(UUID taskId, String assignee) implements Action {
    }

    /** The actor gave the task back to its queue: nobody's until someone claims it or is assigned it. */
    public record TaskReleased(UUID taskId) implements Action {
    }

    /** A supervisor marked an agent absent from {@code from} until {@code until} (exclusive). */
    public record AbsenceSet(String agentId, Instant from, Instant until) implements Action {
    }

    /** A supervisor removed an agent's absence. */
    public record AbsenceEnded(String agentId) implements Action {
    }

    /** A supervisor undid one merge of the customer's lineage. */
    public record MergeUndone(UUID mergeId) implements Action {
    }

    /** An agent's internal note on the customer, which the next agent reads first. */
    public record NoteAdded(UUID noteId, String text) implements Action {

        @Override
        public String toString() {
            return "NoteAdded[" + noteId + "]";
        }
    }

    /** A supervisor cleared a shared identifier of the customer: it links contacts again from the action's time on. */
    public record SharedIdentifierCleared(IdentifierType type, String value) implements Action {

        public SharedIdentifierCleared {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }

        /** Never the value: identifiers are personal data. */
        @Override
        public String toString() {
            return "SharedIdentifierCleared[" + type + "]";
        }
    }

    /**
     * A supervisor erased the customer (docs/personal-data.md, "Erasure").
     *
     * @param contactsByChannel how many contacts it had per channel when the erasure was accepted: the stub's statistics
     */
    public record CustomerErased(Map<String, Integer> contactsByChannel) implements Action {

        public CustomerErased {
            contactsByChannel = Map.copyOf(contactsByChannel);
        }
    }

    @Override
    public String toString() {
        // The reason is free text and the actor a person: kept out of logs.
        return "AgentAction[" + actionId + " " + action.getClass().getSimpleName() + " at " + occurredAt + "]";
    }
}
