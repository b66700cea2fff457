package io.omnirouter.history.shared.action.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AgentActionRecordsTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:32:00Z");
    private static final UUID CUSTOMER = UUID.fromString("5b1c8e0e-7d5a-4a57-9a43-0d2b8d2f2a11");

    static List<AgentAction.Action> everyKind() {
        return List.of(new AgentAction.TaskCompleted(UUID.randomUUID()), new AgentAction.TaskAssigned(UUID.randomUUID(), "maja"),
                new AgentAction.AbsenceSet("maja", AT, AT.plusSeconds(3600)), new AgentAction.AbsenceEnded("maja"),
                new AgentAction.MergeUndone(UUID.randomUUID()), new AgentAction.NoteAdded(UUID.randomUUID(), "Calls after 16:00.\nBe kind."),
                new AgentAction.TaskReleased(UUID.randomUUID()),
                new AgentAction.SharedIdentifierCleared(IdentifierType.EMAIL, "family@example.com"),
                new AgentAction.CustomerErased(Map.of("EMAIL", 3, "PHONE", 1)));
    }

    @Test
    void everyKindOfActionIsAmongThoseRoundTripped() {
        assertThat(everyKind().stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(AgentAction.Action.class.getPermittedSubclasses());
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void everyKindOfActionSurvivesTheRoundTripThroughItsRecord(AgentAction.Action kind) {
        AgentAction action = new AgentAction(UUID.randomUUID(), "ana", List.of("AGENT"), AT, "customer asked twice", CUSTOMER, kind);

        assertThat(AgentActionRecords.fromRecord(AgentActionRecords.toRecord(action))).isEqualTo(action);
    }

    @Test
    void anActionIsKeyedByItsCustomerOrForAnAbsenceByTheAgent() {
        assertThat(new AgentAction(UUID.randomUUID(), "ana", List.of(), AT, null, CUSTOMER,
                new AgentAction.TaskCompleted(UUID.randomUUID())).key()).isEqualTo(CUSTOMER.toString());
        assertThat(new AgentAction(UUID.randomUUID(), "sue", List.of(), AT, null, null, new AgentAction.AbsenceEnded("maja")).key())
                .isEqualTo("agent:maja");
    }

    @Test
    void aRecordBreakingTheContractIsInvalidNamingTheFieldNotTheValue() {
        var record = AgentActionRecords.toRecord(new AgentAction(UUID.randomUUID(), "ana", List.of(), AT, null, CUSTOMER,
                new AgentAction.TaskCompleted(UUID.randomUUID())));
        record.setActionId("not-a-uuid-secret");
        assertThatThrownBy(() -> AgentActionRecords.fromRecord(record)).isInstanceOf(InvalidAgentActionException.class)
                .hasMessage("actionId is not a UUID");

        record.setActionId(UUID.randomUUID().toString());
        record.setReason("why\u0000");
        assertThatThrownBy(() -> AgentActionRecords.fromRecord(record)).hasMessage("reason contains U+0000 (NUL): PostgreSQL text cannot hold it");

        record.setReason(null);
        record.setAction(new io.omnirouter.action.AbsenceSet("maja", AT, AT));
        assertThatThrownBy(() -> AgentActionRecords.fromRecord(record)).hasMessage("action.from must be before action.until");

        assertThatThrownBy(() -> AgentActionRecords.fromRecord(null)).hasMessageStartingWith("record has no value");
    }
}
