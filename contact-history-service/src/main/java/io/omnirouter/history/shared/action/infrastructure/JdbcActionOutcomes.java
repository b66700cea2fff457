package io.omnirouter.history.shared.action.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.timestamp;

import io.omnirouter.history.shared.action.application.ActionOutcomes;
import io.omnirouter.history.shared.action.model.ActionOutcome;
import io.omnirouter.history.shared.action.model.ActionOutcome.Refusal;
import io.omnirouter.history.shared.action.model.ActionOutcome.Status;
import io.omnirouter.history.shared.action.model.AgentAction;
import java.util.List;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcActionOutcomes implements ActionOutcomes {

    private static final String INSERT = """
            INSERT INTO agent_action (action_id, kind, actor, occurred_at, customer_id, reason, status)
            VALUES (?, ?, ?, ?, ?, ?, 'PENDING') ON CONFLICT (action_id) DO NOTHING""";
    private static final String LOCK = "SELECT status FROM agent_action WHERE action_id = ? FOR UPDATE";
    private static final String APPLIED = """
            UPDATE agent_action SET status = ?, refusal_status = ?, refusal_title = ?, refusal_detail = ? WHERE action_id = ?""";
    private static final String FIND = "SELECT status, refusal_status, refusal_title, refusal_detail FROM agent_action WHERE action_id = ?";

    private final JdbcTemplate jdbc;

    JdbcActionOutcomes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void accepted(AgentAction action) {
        insert(action);
    }

    @Override
    public void notPublished(UUID actionId) {
        jdbc.update("DELETE FROM agent_action WHERE action_id = ? AND status = 'PENDING'", actionId);
    }

    @Override
    public boolean startApplying(AgentAction action) {
        insert(action);
        List<String> status = jdbc.queryForList(LOCK, String.class, action.actionId());
        return status.size() == 1 && Status.valueOf(status.get(0)) == Status.PENDING;
    }

    @Override
    public void applied(UUID actionId, Refusal refusal) {
        jdbc.update(APPLIED, refusal == null ? Status.APPLIED.name() : Status.REFUSED.name(),
                refusal == null ? null : refusal.httpStatus(), refusal == null ? null : refusal.title(),
                refusal == null ? null : refusal.detail(), actionId);
    }

    @Override
    public Optional<ActionOutcome> find(UUID actionId) {
        return jdbc.query(FIND, (rs, row) -> {
            Status status = Status.valueOf(rs.getString("status"));
            Refusal refusal = status == Status.REFUSED
                    ? new Refusal(rs.getInt("refusal_status"), rs.getString("refusal_title"), rs.getString("refusal_detail")) : null;
            return new ActionOutcome(actionId, status, refusal);
        }, actionId).stream().findFirst();
    }

    private void insert(AgentAction action) {
        jdbc.update(INSERT, action.actionId(), action.action().getClass().getSimpleName(), action.actor(),
                timestamp(action.occurredAt()), action.customerId(), action.reason());
    }

    @Override
    public List<UUID> actionsAbout(Collection<UUID> customerIds) {
        return jdbc.query("SELECT action_id FROM agent_action WHERE customer_id = ANY (?)",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", customerIds.toArray(UUID[]::new))),
                (rs, row) -> rs.getObject(1, UUID.class));
    }
}
