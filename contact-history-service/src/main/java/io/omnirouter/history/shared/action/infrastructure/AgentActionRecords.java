package io.omnirouter.history.shared.action.infrastructure;

import io.omnirouter.action.AbsenceEnded;
import io.omnirouter.action.AbsenceSet;
import io.omnirouter.action.CustomerErased;
import io.omnirouter.action.MergeUndone;
import io.omnirouter.action.NoteAdded;
import io.omnirouter.action.SharedIdentifierCleared;
import io.omnirouter.action.TaskAssigned;
import io.omnirouter.action.TaskCompleted;
import io.omnirouter.action.TaskReleased;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.identifiers.IdentifierType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Our {@link AgentAction} and agent.actions' Avro record, both ways. */
final class AgentActionRecords {

    private AgentActionRecords() {
    }

    static io.omnirouter.action.AgentAction toRecord(AgentAction action) {
        return io.omnirouter.action.AgentAction.newBuilder()
                .setActionId(action.actionId().toString())
                .setActor(action.actor())
                .setActorRoles(List.copyOf(action.actorRoles()))
                .setOccurredAt(action.occurredAt())
                .setReason(action.reason())
                .setCustomerId(action.customerId() == null ? null : action.customerId().toString())
                .setAction(body(action.action()))
                .build();
    }

    private static Object body(AgentAction.Action action) {
        if (action instanceof AgentAction.TaskCompleted completed) {
            return new TaskCompleted(completed.taskId().toString());
        } else if (action instanceof AgentAction.TaskAssigned assigned) {
            return new TaskAssigned(assigned.taskId().toString(), assigned.assignee());
        } else if (action instanceof AgentAction.TaskReleased released) {
            return new TaskReleased(released.taskId().toString());
        } else if (action instanceof AgentAction.AbsenceSet absence) {
            return new AbsenceSet(absence.agentId(), absence.from(), absence.until());
        } else if (action instanceof AgentAction.AbsenceEnded ended) {
            return new AbsenceEnded(ended.agentId());
        } else if (action instanceof AgentAction.MergeUndone undone) {
            return new MergeUndone(undone.mergeId().toString());
        } else if (action instanceof AgentAction.NoteAdded note) {
            return new NoteAdded(note.noteId().toString(), note.text());
        } else if (action instanceof AgentAction.SharedIdentifierCleared cleared) {
            return new SharedIdentifierCleared(cleared.type().name(), cleared.value());
        } else if (action instanceof AgentAction.CustomerErased erased) {
            return new CustomerErased(Map.copyOf(erased.contactsByChannel()));
        }
        throw new IllegalArgumentException("no record for " + action.getClass().getSimpleName());
    }

    /** @throws InvalidAgentActionException naming what is wrong, never a value */
    /** A record without a value. */
    static InvalidAgentActionException tombstone() {
        return new InvalidAgentActionException("record has no value (tombstone); agent.actions holds AgentActions only");
    }

    static AgentAction fromRecord(io.omnirouter.action.AgentAction record) {
        if (record == null) {
            throw tombstone();
        }
        return new AgentAction(uuid("actionId", record.getActionId()), required("actor", record.getActor()),
                record.getActorRoles().stream().map(String::valueOf).toList(), record.getOccurredAt(),
                record.getReason() == null ? null : required("reason", record.getReason()),
                record.getCustomerId() == null ? null : uuid("customerId", record.getCustomerId()), body(record.getAction()));
    }

    private static AgentAction.Action body(Object body) {
        if (body instanceof TaskCompleted completed) {
            return new AgentAction.TaskCompleted(uuid("action.taskId", completed.getTaskId()));
        } else if (body instanceof TaskAssigned assigned) {
            return new AgentAction.TaskAssigned(uuid("action.taskId", assigned.getTaskId()), required("action.assignee", assigned.getAssignee()));
        } else if (body instanceof TaskReleased released) {
            return new AgentAction.TaskReleased(uuid("action.taskId", released.getTaskId()));
        } else if (body instanceof AbsenceSet absence) {
            if (!absence.getFrom().isBefore(absence.getUntil())) {
                throw new InvalidAgentActionException("action.from must be before action.until");
            }
            return new AgentAction.AbsenceSet(required("action.agentId", absence.getAgentId()), absence.getFrom(), absence.getUntil());
        } else if (body instanceof AbsenceEnded ended) {
            return new AgentAction.AbsenceEnded(required("action.agentId", ended.getAgentId()));
        } else if (body instanceof MergeUndone undone) {
            return new AgentAction.MergeUndone(uuid("action.mergeId", undone.getMergeId()));
        } else if (body instanceof NoteAdded note) {
            return new AgentAction.NoteAdded(uuid("action.noteId", note.getNoteId()), required("action.text", note.getText()));
        } else if (body instanceof SharedIdentifierCleared cleared) {
            return new AgentAction.SharedIdentifierCleared(identifierType(cleared.getIdentifierType()),
                    required("action.identifierValue", cleared.getIdentifierValue()));
        } else if (body instanceof CustomerErased erased) {
            Map<String, Integer> counts = new HashMap<>();
            erased.getContactsByChannel().forEach((channel, count) -> {
                if (count == null || count < 0) {
                    throw new InvalidAgentActionException("action.contactsByChannel holds a negative or missing count");
                }
                counts.put(channel.toString(), count);
            });
            return new AgentAction.CustomerErased(counts);
        }
        throw new InvalidAgentActionException("action is of no known kind");
    }

    private static IdentifierType identifierType(String value) {
        String type = required("action.identifierType", value);
        try {
            return IdentifierType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidAgentActionException("action.identifierType is not one of " + Arrays.toString(IdentifierType.values()));
        }
    }

    private static UUID uuid(String field, String value) {
        try {
            UUID id = UUID.fromString(required(field, value));
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new InvalidAgentActionException(field + " is not a UUID in canonical form");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidAgentActionException(field + " is not a UUID");
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidAgentActionException(field + " is blank");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new InvalidAgentActionException(field + " contains U+0000 (NUL): PostgreSQL text cannot hold it");
        }
        return value;
    }
}
