package io.omnirouter.history.followup.infrastructure;

import static io.omnirouter.history.shared.jdbc.JdbcValues.instant;
import static io.omnirouter.history.shared.jdbc.JdbcValues.strings;
import static io.omnirouter.history.shared.jdbc.JdbcValues.textMap;
import static io.omnirouter.history.shared.jdbc.JdbcValues.timestamp;

import io.omnirouter.contact.Channel;
import io.omnirouter.history.consent.model.ConsentChange;
import io.omnirouter.history.contact.model.ChannelDetails;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.Priority;
import io.omnirouter.history.customer.application.OpenTaskCounts;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.followup.application.FollowUpStore;
import io.omnirouter.history.followup.model.AgentAbsence;
import io.omnirouter.history.followup.model.FoldCheckpoint;
import io.omnirouter.history.followup.model.FoldedContacts;
import io.omnirouter.history.followup.model.FollowUpTask;
import io.omnirouter.history.followup.model.OpenTaskCount;
import io.omnirouter.history.followup.model.PromiseCounts;
import io.omnirouter.history.followup.model.PromiseOutcome;
import io.omnirouter.history.followup.model.PromiseTally;
import io.omnirouter.history.followup.model.TaskDecision;
import io.omnirouter.history.followup.model.TaskOrder;
import io.omnirouter.history.followup.model.TaskStatus;
import io.omnirouter.history.followup.model.TaskType;
import io.omnirouter.history.shared.jdbc.IdentifierColumns;
import io.omnirouter.identifiers.IdentifierType;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcFollowUpStore implements FollowUpStore, OpenTaskCounts {

    /**
     * Customer locks: the two-key form of PostgreSQL's advisory locks, a key space apart from the single-key
     * identifier locks of identity resolution. Class id 4 = follow-up; object id = a hash of the customer id.
     */
    private static final int LOCK_CLASS = 4;
    private static final String LOCK = "SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", k) FROM unnest(?::int[]) AS t(k)";
    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(" + LOCK_CLASS + ", ?)";

    private static final String CONTACT_COLUMNS = """
            c.contact_id, c.source_event_id, c.source, c.tenant, c.channel, c.direction, c.kind, c.occurred_at, c.routed_at,
            c.customer_name, c.language, c.thread_key, c.channel_ref, c.subject, c.text, c.text_truncated, c.agent_id,
            c.intent, c.priority, c.queue, c.segment, c.call_outcome, c.duration_seconds, c.callback_requested_at,
            c.in_reply_to, c.attachment_names, c.promised_reply_by, c.chat_author, c.resolved, c.rating, c.order_id,
            c.amount_minor, c.currency, c.warnings, c.consents, c.details, """ + IdentifierColumns.list("c.");
    // Claiming takes the contacts off the queue (by the rows' physical ids, which the lock holds still): if the
    // transaction fails they are back, and another instance's claim skips them meanwhile. The contacts are
    // share-locked with them, skipping those identity resolution is moving right now: the move queues them again
    // (with the customer they leave), and waiting for it here could deadlock with that very queueing.
    private static final String CLAIM = """
            DELETE FROM followup_pending WHERE ctid = ANY (ARRAY(
                SELECT p.ctid FROM followup_pending p JOIN contact c ON c.contact_id = p.contact_id
                 WHERE p.occurred_at < now() - make_interval(secs => ?) OR p.queued_at < now() - make_interval(secs => ?)
                 ORDER BY p.occurred_at, p.contact_id LIMIT ?
                   FOR UPDATE OF p SKIP LOCKED FOR SHARE OF c SKIP LOCKED))
            RETURNING contact_id, former_customers""";
    // Then read with their customers, as committed once the locks are held (a new statement, a new snapshot).
    private static final String HOLDERS_OF_CONTACTS = """
            SELECT c.contact_id, COALESCE(cu.merged_into, c.customer_id) AS holder
              FROM contact c JOIN customer cu ON cu.customer_id = c.customer_id
             WHERE c.contact_id = ANY (?)""";
    /** The customer and the customers merged into it. */
    private static final String HELD_BY = "(SELECT ?::uuid UNION ALL SELECT customer_id FROM customer WHERE merged_into = ?)";
    /** Customers (holder) and the customers merged into them (member_id), as rows. */
    private static final String MEMBERS = """
            WITH given AS (SELECT DISTINCT unnest(?::uuid[]) AS holder),
                 members AS (SELECT holder, holder AS member_id FROM given
                             UNION ALL SELECT g.holder, cu.customer_id FROM given g JOIN customer cu ON cu.merged_into = g.holder)
            """;
    /** The contacts whose follow-up PostgreSQL refused are left out of every fold. */
    private static final String NOT_REFUSED =
            " WHERE NOT EXISTS (SELECT 1 FROM follow_up_refused_contact r WHERE r.contact_id = c.contact_id)";
    private static final String CONTACTS_OF = MEMBERS + "SELECT m.holder, " + CONTACT_COLUMNS
            + " FROM members m JOIN contact c ON c.customer_id = m.member_id" + NOT_REFUSED;
    // Each holder's contacts from its checkpoint's event time on (those after it are told apart in Java).
    private static final String CONTACTS_FROM = """
            WITH given AS (SELECT * FROM unnest(?::uuid[], ?::timestamptz[]) AS g(holder, from_time)),
                 members AS (SELECT holder, holder AS member_id, from_time FROM given
                             UNION ALL SELECT g.holder, cu.customer_id, g.from_time FROM given g JOIN customer cu ON cu.merged_into = g.holder)
            SELECT m.holder, """ + CONTACT_COLUMNS
            + " FROM members m JOIN contact c ON c.customer_id = m.member_id AND c.occurred_at >= m.from_time" + NOT_REFUSED;
    // Ids and times only, off contact_timeline_idx: the contacts themselves are in the checkpoint already.
    private static final String HELD_IDS = MEMBERS + "SELECT m.holder, c.contact_id, c.occurred_at"
            + " FROM members m JOIN contact c ON c.customer_id = m.member_id" + NOT_REFUSED;
    private static final String CHECKPOINTS = "SELECT customer_id, state FROM follow_up_checkpoint WHERE customer_id = ANY (?)";
    private static final String KEEP_CHECKPOINTS = """
            INSERT INTO follow_up_checkpoint (customer_id, after_occurred_at, after_contact_id, fingerprint, state)
            SELECT k.customer_id, k.after_occurred_at, k.after_contact_id, k.fingerprint, s.state
            FROM unnest(?::uuid[], ?::timestamptz[], ?::uuid[], ?::text[]) WITH ORDINALITY
                     AS k(customer_id, after_occurred_at, after_contact_id, fingerprint, n)
            JOIN jsonb_array_elements(?::jsonb) WITH ORDINALITY AS s(state, n) USING (n)
            ON CONFLICT (customer_id) DO UPDATE SET after_occurred_at = EXCLUDED.after_occurred_at,
                after_contact_id = EXCLUDED.after_contact_id, fingerprint = EXCLUDED.fingerprint, state = EXCLUDED.state""";
    private static final String DROP_CHECKPOINTS = "DELETE FROM follow_up_checkpoint WHERE customer_id = ANY (?)";
    /** A checkpoint's state: a record of plain values (tasks, consents), written and read by this class only. */
    private static final JsonMapper CHECKPOINT_JSON = JsonMapper.builder().build();
    private static final String NOT_QUEUED = " AND NOT EXISTS (SELECT 1 FROM followup_pending p WHERE p.contact_id = c.contact_id)";
    private static final String REFUSE = """
            WITH unqueued AS (DELETE FROM followup_pending WHERE contact_id = ?)
            INSERT INTO follow_up_refused_contact (contact_id, sql_state, problem) VALUES (?, ?, ?)
            ON CONFLICT (contact_id) DO NOTHING""";
    private static final String HOLDERS_OF = "SELECT customer_id, COALESCE(merged_into, customer_id) FROM customer WHERE customer_id = ANY (?)";
    private static final String DECISIONS_ON = """
            SELECT action_id, task_id, trigger_contact_id, kind, agent_id, decided_at FROM follow_up_decision
             WHERE trigger_contact_id = ANY (?)""";
    private static final String RECORD_DECISION = """
            INSERT INTO follow_up_decision (action_id, task_id, trigger_contact_id, kind, agent_id, decided_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (action_id) DO NOTHING""";
    private static final String ABSENCES = "SELECT agent_id, from_time, until_time FROM agent_absence";
    private static final String CANCELLED_VERSIONS = "SELECT task_id, version FROM follow_up_cancelled_task WHERE task_id = ANY (?)";

    private static final String TASK_COLUMNS = """
            task_id, version, customer_id, type, status, trigger_contact_id, thread_key, trigger_channel, created_at, due_at,
            priority, queue, escalation_tier, assignee, closed_at, closed_by_contact_id, closed_late, changed_at, change_reason""";
    // A UNION, not an OR: each arm reads its own index (customer, task id); with OR PostgreSQL scanned every task.
    private static final String TASKS_OF = MEMBERS + "SELECT " + TASK_COLUMNS
            + " FROM follow_up_task WHERE customer_id IN (SELECT member_id FROM members)"
            + " UNION SELECT " + TASK_COLUMNS + " FROM follow_up_task WHERE task_id = ANY (?) ORDER BY created_at, task_id";
    private static final String OPEN_TASK_COUNT = MEMBERS
            + "SELECT count(*) FROM follow_up_task WHERE status = 'OPEN' AND customer_id IN (SELECT member_id FROM members)";
    private static final String STRAY_TASKS = """
            SELECT t.task_id, t.customer_id, COALESCE(cu.merged_into, c.customer_id) AS holder
              FROM follow_up_task t LEFT JOIN contact c ON c.contact_id = t.trigger_contact_id
                   LEFT JOIN customer cu ON cu.customer_id = c.customer_id
             WHERE COALESCE(cu.merged_into, c.customer_id) IS DISTINCT FROM t.customer_id""";
    private static final String STORED_VERSIONS = """
            SELECT task_id, version FROM follow_up_task WHERE task_id = ANY (?)
            UNION ALL SELECT task_id, version FROM follow_up_cancelled_task WHERE task_id = ANY (?)""";
    private static final String CANCEL = "DELETE FROM follow_up_task WHERE task_id = ?";
    private static final String REMEMBER_CANCELLED = """
            INSERT INTO follow_up_cancelled_task (task_id, version, customer_id, trigger_contact_id, cancelled_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (task_id) DO UPDATE SET version = EXCLUDED.version, customer_id = EXCLUDED.customer_id,
                cancelled_at = EXCLUDED.cancelled_at
             WHERE follow_up_cancelled_task.version < EXCLUDED.version""";
    private static final String FORGET_CANCELLED = "DELETE FROM follow_up_cancelled_task WHERE task_id = ?";
    private static final String UPSERT = """
            INSERT INTO follow_up_task (task_id, version, customer_id, type, status, trigger_contact_id, thread_key,
                                        trigger_channel, created_at, due_at, priority, queue, escalation_tier, assignee,
                                        closed_at, closed_by_contact_id, closed_late, changed_at, change_reason,
                                        next_escalation_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (task_id) DO UPDATE SET
                version = EXCLUDED.version, customer_id = EXCLUDED.customer_id, status = EXCLUDED.status,
                due_at = EXCLUDED.due_at, priority = EXCLUDED.priority, queue = EXCLUDED.queue,
                escalation_tier = EXCLUDED.escalation_tier, assignee = EXCLUDED.assignee, closed_at = EXCLUDED.closed_at,
                closed_by_contact_id = EXCLUDED.closed_by_contact_id, closed_late = EXCLUDED.closed_late,
                changed_at = EXCLUDED.changed_at, change_reason = EXCLUDED.change_reason,
                next_escalation_at = EXCLUDED.next_escalation_at
             WHERE follow_up_task.version < EXCLUDED.version""";
    private static final String OUTBOX = """
            INSERT INTO follow_up_outbox (task_id, version, customer_id, payload) VALUES (?, ?, ?, ?)
            ON CONFLICT (task_id, version) DO NOTHING""";
    private static final String CUSTOMERS_DUE = """
            SELECT customer_id FROM follow_up_task
             WHERE status = 'OPEN' AND next_escalation_at <= ?
             GROUP BY customer_id ORDER BY min(next_escalation_at) LIMIT ?""";
    private static final String DUE_TASKS = "SELECT " + TASK_COLUMNS + """
             FROM follow_up_task
            WHERE customer_id = ? AND status = 'OPEN' AND next_escalation_at <= ?
            ORDER BY next_escalation_at, task_id FOR UPDATE SKIP LOCKED""";
    private static final String FIND = "SELECT " + TASK_COLUMNS + " FROM follow_up_task WHERE task_id = ?";
    private static final String PUT_ABSENCE = """
            INSERT INTO agent_absence (agent_id, from_time, until_time, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (agent_id) DO UPDATE SET from_time = EXCLUDED.from_time, until_time = EXCLUDED.until_time,
                updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""";
    private static final String OPEN_TASK_COUNTS = "SELECT type, queue, count(*) AS open, count(*) FILTER (WHERE due_at < now()) AS overdue"
            + " FROM follow_up_task WHERE status = 'OPEN' GROUP BY type, queue ORDER BY type, queue";
    private static final String TRIGGER_OF = """
            SELECT trigger_contact_id FROM follow_up_task WHERE task_id = ?
            UNION ALL SELECT trigger_contact_id FROM follow_up_cancelled_task WHERE task_id = ?""";

    /**
     * {@link PromiseOutcome#of} in SQL, as of the instant bound to its one placeholder: both say how a promise turned
     * out, one for a page of promises, the other to count them all (PromiseTrackerIT holds them together).
     */
    static final String PROMISE_OUTCOME = """
            CASE WHEN status = 'OPEN' AND due_at < ? THEN 'BROKEN'
                 WHEN status = 'OPEN' THEN 'PENDING'
                 WHEN status IN ('CLOSED', 'COMPLETED') AND closed_late THEN 'KEPT_LATE'
                 WHEN status IN ('CLOSED', 'COMPLETED') THEN 'KEPT'
                 ELSE 'WITHDRAWN' END""";

    private final JdbcTemplate jdbc;
    private final RowMapper<Contact> contacts = (rs, row) -> contact(rs);
    private final RowMapper<FollowUpTask> tasks = (rs, row) -> task(rs);

    JdbcFollowUpStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<PendingContact> claimUnapplied(int limit, Duration settle) {
        Map<UUID, List<UUID>> claimed = new LinkedHashMap<>();
        double seconds = settle.toNanos() / 1e9;
        jdbc.query(CLAIM, ps -> {
            ps.setDouble(1, seconds);
            ps.setDouble(2, seconds);
            ps.setInt(3, limit);
        }, rs -> {
            claimed.put(rs.getObject("contact_id", UUID.class), uuids(rs.getArray("former_customers")));
        });
        if (claimed.isEmpty()) {
            return List.of();
        }
        Map<UUID, UUID> holders = holdersOfContacts(claimed.keySet());
        List<PendingContact> pending = new ArrayList<>();
        claimed.forEach((contactId, formers) -> pending.add(new PendingContact(contactId, holders.get(contactId), formers)));
        return pending;
    }

    @Override
    public void lockCustomers(Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        // Sorted keys: every transaction takes its locks in the same order.
        Integer[] keys = new TreeSet<>(customerIds.stream().map(JdbcFollowUpStore::lockKey).toList()).toArray(Integer[]::new);
        jdbc.query(LOCK, ps -> ps.setArray(1, ps.getConnection().createArrayOf("int4", keys)), rs -> null);
    }

    @Override
    public boolean tryLockCustomer(UUID customerId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(TRY_LOCK, Boolean.class, lockKey(customerId)));
    }

    private static int lockKey(UUID customerId) {
        return customerId.hashCode();
    }

    @Override
    public Map<UUID, UUID> holdersOf(Collection<UUID> customerIds) {
        Map<UUID, UUID> holders = new HashMap<>();
        jdbc.query(HOLDERS_OF, uuids(customerIds), rs -> {
            holders.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
        });
        return holders;
    }

    @Override
    public Map<UUID, UUID> holdersOfContacts(Collection<UUID> contactIds) {
        Map<UUID, UUID> holders = new HashMap<>();
        if (!contactIds.isEmpty()) {
            jdbc.query(HOLDERS_OF_CONTACTS, uuids(contactIds), rs -> {
                holders.put(rs.getObject("contact_id", UUID.class), rs.getObject("holder", UUID.class));
            });
        }
        return holders;
    }

    @Override
    public Map<UUID, List<Contact>> contactsOf(Collection<UUID> holders, boolean appliedOnly) {
        Map<UUID, List<Contact>> found = new HashMap<>();
        jdbc.query(appliedOnly ? CONTACTS_OF + NOT_QUEUED : CONTACTS_OF, uuids(holders), rs -> {
            found.computeIfAbsent(rs.getObject("holder", UUID.class), holder -> new ArrayList<>()).add(contact(rs));
        });
        return found;
    }

    @Override
    public long openTasksOf(UUID customerId) {
        Long count = jdbc.query(OPEN_TASK_COUNT, uuids(List.of(customerId)), rs -> rs.next() ? rs.getLong(1) : 0L);
        return count == null ? 0 : count;
    }

    @Override
    public Map<UUID, List<Contact>> contactsAfter(Map<UUID, FoldCheckpoint> checkpoints) {
        Map<UUID, List<Contact>> found = new HashMap<>();
        if (!checkpoints.isEmpty()) {
            List<UUID> holders = List.copyOf(checkpoints.keySet());
            holders.forEach(holder -> found.put(holder, new ArrayList<>()));
            jdbc.query(CONTACTS_FROM, ps -> {
                var connection = ps.getConnection();
                ps.setArray(1, connection.createArrayOf("uuid", holders.toArray()));
                ps.setArray(2, connection.createArrayOf("timestamptz",
                        holders.stream().map(holder -> timestamp(checkpoints.get(holder).afterOccurredAt())).toArray()));
            }, rs -> {
                UUID holder = rs.getObject("holder", UUID.class);
                Contact contact = contact(rs);
                if (checkpoints.get(holder).precedes(contact)) {
                    found.get(holder).add(contact);
                }
            });
        }
        return found;
    }

    @Override
    public Map<UUID, FoldedContacts> heldUpTo(Map<UUID, FoldCheckpoint> checkpoints) {
        Map<UUID, FoldedContacts> held = new HashMap<>();
        if (!checkpoints.isEmpty()) {
            checkpoints.keySet().forEach(holder -> held.put(holder, FoldedContacts.NONE));
            jdbc.query(HELD_IDS, uuids(checkpoints.keySet()), rs -> {
                UUID holder = rs.getObject("holder", UUID.class);
                UUID contactId = rs.getObject("contact_id", UUID.class);
                if (!checkpoints.get(holder).precedes(instant(rs, "occurred_at"), contactId)) {
                    held.put(holder, held.get(holder).plus(contactId));
                }
            });
        }
        return held;
    }

    @Override
    public Map<UUID, FoldCheckpoint> checkpointsOf(Collection<UUID> customerIds) {
        Map<UUID, FoldCheckpoint> checkpoints = new HashMap<>();
        if (!customerIds.isEmpty()) {
            jdbc.query(CHECKPOINTS, uuids(customerIds), rs -> {
                checkpoints.put(rs.getObject("customer_id", UUID.class),
                        CHECKPOINT_JSON.readValue(rs.getString("state"), FoldCheckpoint.class));
            });
        }
        return checkpoints;
    }

    @Override
    public void keepCheckpoints(Map<UUID, Optional<FoldCheckpoint>> checkpoints) {
        List<UUID> kept = new ArrayList<>();
        List<FoldCheckpoint> states = new ArrayList<>();
        List<UUID> dropped = new ArrayList<>();
        checkpoints.forEach((customerId, checkpoint) -> checkpoint.ifPresentOrElse(state -> {
            kept.add(customerId);
            states.add(state);
        }, () -> dropped.add(customerId)));
        if (!kept.isEmpty()) {
            jdbc.update(KEEP_CHECKPOINTS, ps -> {
                var connection = ps.getConnection();
                ps.setArray(1, connection.createArrayOf("uuid", kept.toArray()));
                ps.setArray(2, connection.createArrayOf("timestamptz", states.stream().map(state -> timestamp(state.afterOccurredAt())).toArray()));
                ps.setArray(3, connection.createArrayOf("uuid", states.stream().map(FoldCheckpoint::afterContactId).toArray()));
                ps.setArray(4, connection.createArrayOf("text", states.stream().map(FoldCheckpoint::fingerprint).toArray()));
                // The states as one JSON array, not a text[] of documents: the driver escapes every character of an
                // array's elements, most of the checkpoint write's 16% of the follow-up's CPU (bench/RESULTS.md 2026-12-08).
                ps.setString(5, CHECKPOINT_JSON.writeValueAsString(states));
            });
        }
        if (!dropped.isEmpty()) {
            jdbc.update(DROP_CHECKPOINTS, uuids(dropped));
        }
    }

    @Override
    public void refuseFollowUp(UUID contactId, String sqlState, String problem) {
        jdbc.update(REFUSE, contactId, contactId, sqlState, problem);
    }

    @Override
    public long refusedFollowUps() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM follow_up_refused_contact", Long.class);
        return count == null ? 0 : count;
    }

    @Override
    public List<FollowUpTask> tasksOf(Collection<UUID> customerIds, Collection<UUID> taskIds) {
        return jdbc.query(TASKS_OF, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", customerIds.toArray()));
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", taskIds.toArray()));
        }, tasks);
    }

    @Override
    public Map<UUID, Long> cancelledVersions(Collection<UUID> taskIds) {
        Map<UUID, Long> versions = new HashMap<>();
        if (!taskIds.isEmpty()) {
            jdbc.query(CANCELLED_VERSIONS, uuids(taskIds), rs -> {
                versions.put(rs.getObject(1, UUID.class), rs.getLong(2));
            });
        }
        return versions;
    }

    @Override
    public List<TaskDecision> decisionsOn(Collection<UUID> triggerContactIds) {
        if (triggerContactIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(DECISIONS_ON, uuids(triggerContactIds), (rs, row) -> new TaskDecision(rs.getObject("task_id", UUID.class),
                rs.getObject("trigger_contact_id", UUID.class), TaskDecision.Kind.valueOf(rs.getString("kind")), rs.getString("agent_id"),
                instant(rs, "decided_at"), rs.getObject("action_id", UUID.class)));
    }

    @Override
    public void recordDecision(UUID actionId, UUID taskId, UUID triggerContactId, TaskDecision.Kind kind, String agentId,
                               Instant decidedAt) {
        jdbc.update(RECORD_DECISION, actionId, taskId, triggerContactId, kind.name(), agentId, timestamp(decidedAt));
    }

    @Override
    public List<AgentAbsence> absences() {
        return jdbc.query(ABSENCES, (rs, row) -> new AgentAbsence(rs.getString(1), instant(rs, "from_time"), instant(rs, "until_time")));
    }

    @Override
    public List<StrayTask> strayTasks() {
        return jdbc.query(STRAY_TASKS, (rs, row) -> new StrayTask(rs.getObject("task_id", UUID.class),
                rs.getObject("customer_id", UUID.class), rs.getObject("holder", UUID.class)));
    }

    private static PreparedStatementSetter uuids(Collection<UUID> ids) {
        return ps -> ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids.toArray()));
    }

    @Override
    public List<FollowUpTask> save(List<FollowUpTask> versions, Function<FollowUpTask, Optional<Instant>> nextEscalationAt) {
        UUID[] ids = versions.stream().map(FollowUpTask::taskId).distinct().toArray(UUID[]::new);
        Map<UUID, Long> storedVersions = new HashMap<>();
        jdbc.query(STORED_VERSIONS, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids));
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", ids));
        }, rs -> {
            storedVersions.merge(rs.getObject(1, UUID.class), rs.getLong(2), Math::max);
        });
        List<FollowUpTask> fresh = new ArrayList<>();
        Map<UUID, FollowUpTask> latest = new LinkedHashMap<>();
        for (FollowUpTask version : versions) {
            long stored = Math.max(storedVersions.getOrDefault(version.taskId(), 0L),
                    latest.containsKey(version.taskId()) ? latest.get(version.taskId()).version() : 0L);
            if (version.version() > stored) {
                fresh.add(version);
                latest.put(version.taskId(), version);
            }
        }
        if (fresh.isEmpty()) {
            return fresh;
        }
        List<FollowUpTask> rows = latest.values().stream().filter(task -> task.status() != TaskStatus.CANCELLED).toList();
        List<FollowUpTask> cancelled = latest.values().stream().filter(task -> task.status() == TaskStatus.CANCELLED).toList();
        jdbc.batchUpdate(UPSERT, rows, rows.size(), (ps, task) -> {
            int i = 0;
            ps.setObject(++i, task.taskId());
            ps.setLong(++i, task.version());
            ps.setObject(++i, task.customerId());
            ps.setString(++i, task.type().name());
            ps.setString(++i, task.status().name());
            ps.setObject(++i, task.triggerContactId());
            ps.setString(++i, task.threadKey());
            ps.setString(++i, task.triggerChannel().name());
            ps.setObject(++i, timestamp(task.createdAt()));
            ps.setObject(++i, timestamp(task.dueAt()));
            ps.setString(++i, task.priority().name());
            ps.setString(++i, task.queue());
            ps.setInt(++i, task.escalationTier());
            ps.setString(++i, task.assignee());
            ps.setObject(++i, timestamp(task.closedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(++i, task.closedByContactId(), Types.OTHER);
            ps.setBoolean(++i, task.closedLate());
            ps.setObject(++i, timestamp(task.changedAt()));
            ps.setString(++i, task.changeReason());
            ps.setObject(++i, timestamp(nextEscalationAt.apply(task).orElse(null)), Types.TIMESTAMP_WITH_TIMEZONE);
        });
        jdbc.batchUpdate(FORGET_CANCELLED, rows, rows.size(), (ps, task) -> ps.setObject(1, task.taskId()));
        jdbc.batchUpdate(CANCEL, cancelled, cancelled.size(), (ps, task) -> ps.setObject(1, task.taskId()));
        jdbc.batchUpdate(REMEMBER_CANCELLED, cancelled, cancelled.size(), (ps, task) -> {
            ps.setObject(1, task.taskId());
            ps.setLong(2, task.version());
            ps.setObject(3, task.customerId());
            ps.setObject(4, task.triggerContactId());
            ps.setObject(5, timestamp(task.changedAt()));
        });
        jdbc.batchUpdate(OUTBOX, fresh, fresh.size(), (ps, task) -> {
            ps.setObject(1, task.taskId());
            ps.setLong(2, task.version());
            ps.setObject(3, task.customerId());
            ps.setBytes(4, FollowUpTaskRecords.encode(task));
        });
        return fresh;
    }

    @Override
    public List<UUID> customersWithDueTasks(Instant now, int limit) {
        return jdbc.query(CUSTOMERS_DUE, (rs, row) -> rs.getObject(1, UUID.class), timestamp(now), limit);
    }

    @Override
    public List<FollowUpTask> dueTasks(UUID customerId, Instant now) {
        return jdbc.query(DUE_TASKS, tasks, customerId, timestamp(now));
    }

    @Override
    public Optional<FollowUpTask> find(UUID taskId) {
        return jdbc.query(FIND, tasks, taskId).stream().findFirst();
    }

    @Override
    public List<FollowUpTask> search(TaskQuery query, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + TASK_COLUMNS + " FROM follow_up_task WHERE true");
        List<Object> args = new ArrayList<>();
        if (query.customerId() != null) {
            sql.append(" AND customer_id IN " + HELD_BY);
            args.add(query.customerId());
            args.add(query.customerId());
        }
        filter(sql, args, "status", query.status());
        filter(sql, args, "type", query.type());
        filter(sql, args, "queue", query.queue());
        if (TaskQuery.NOBODY.equals(query.assignee())) {
            sql.append(" AND assignee IS NULL");
        } else {
            filter(sql, args, "assignee", query.assignee());
        }
        // Row comparisons on (time, task_id), in the direction of the order: keyset pages served by the indexes on
        // (created_at DESC, task_id DESC) and, for open tasks, on (…, due_at, task_id) (V20, V39).
        boolean byDue = query.order() == TaskOrder.DUE;
        String at = byDue ? "due_at" : "created_at";
        if (query.after() != null) {
            sql.append(" AND (").append(at).append(", task_id) ").append(byDue ? ">" : "<").append(" (?, ?)");
            args.add(timestamp(query.after().at()));
            args.add(query.after().taskId());
        }
        sql.append(byDue ? " ORDER BY due_at, task_id" : " ORDER BY created_at DESC, task_id DESC").append(" LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), tasks, args.toArray());
    }

    @Override
    public List<FollowUpTask> promisesOf(UUID customerId, Set<TaskType> kinds, int limit) {
        // Served by follow_up_task_customer_idx (customer_id, created_at DESC) for each customer answering with it.
        return jdbc.query("SELECT " + TASK_COLUMNS + " FROM follow_up_task WHERE customer_id IN " + HELD_BY
                        + " AND type = ANY (?) ORDER BY created_at DESC, task_id DESC LIMIT ?", tasks,
                customerId, customerId, kinds.stream().map(Enum::name).toArray(String[]::new), limit);
    }

    @Override
    public List<PromiseTally> promiseTallies(Set<TaskType> kinds, UUID customerId, Instant madeFrom, Instant madeUntil,
                                             String queue, Instant now) {
        StringBuilder sql = new StringBuilder("SELECT queue, type, " + PROMISE_OUTCOME
                + " AS outcome, count(*) AS promises FROM follow_up_task WHERE type = ANY (?)");
        List<Object> args = new ArrayList<>(List.of(timestamp(now), kinds.stream().map(Enum::name).toArray(String[]::new)));
        if (customerId != null) {
            sql.append(" AND customer_id IN " + HELD_BY);
            args.add(customerId);
            args.add(customerId);
        }
        if (madeFrom != null) {
            sql.append(" AND created_at >= ?");
            args.add(timestamp(madeFrom));
        }
        if (madeUntil != null) {
            sql.append(" AND created_at < ?");
            args.add(timestamp(madeUntil));
        }
        filter(sql, args, "queue", queue);
        sql.append(" GROUP BY queue, type, outcome ORDER BY queue, type");
        Map<List<String>, Map<PromiseOutcome, Long>> byQueueAndType = new LinkedHashMap<>();
        jdbc.query(sql.toString(), rs -> {
            byQueueAndType.computeIfAbsent(List.of(rs.getString("queue"), rs.getString("type")), key -> new EnumMap<>(PromiseOutcome.class))
                    .put(PromiseOutcome.valueOf(rs.getString("outcome")), rs.getLong("promises"));
        }, args.toArray());
        return byQueueAndType.entrySet().stream().map(e -> new PromiseTally(e.getKey().get(0), TaskType.valueOf(e.getKey().get(1)),
                PromiseCounts.of(e.getValue()))).toList();
    }

    private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    @Override
    public void putAbsence(String agentId, Instant from, Instant until, String by, Instant at) {
        jdbc.update(PUT_ABSENCE, agentId, timestamp(from), timestamp(until), by, timestamp(at));
    }

    @Override
    public List<OpenTaskCount> openTaskCounts() {
        return jdbc.query(OPEN_TASK_COUNTS, (rs, row) -> new OpenTaskCount(rs.getString("type"), rs.getString("queue"),
                rs.getLong("open"), rs.getLong("overdue")));
    }

    @Override
    public Optional<UUID> triggerOf(UUID taskId) {
        return jdbc.queryForList(TRIGGER_OF, UUID.class, taskId, taskId).stream().findFirst();
    }

    @Override
    public boolean deleteAbsence(String agentId) {
        return jdbc.update("DELETE FROM agent_absence WHERE agent_id = ?", agentId) > 0;
    }

    private static FollowUpTask task(ResultSet rs) throws SQLException {
        return new FollowUpTask(
                rs.getObject("task_id", UUID.class),
                rs.getLong("version"),
                rs.getObject("customer_id", UUID.class),
                TaskType.valueOf(rs.getString("type")),
                TaskStatus.valueOf(rs.getString("status")),
                rs.getObject("trigger_contact_id", UUID.class),
                rs.getString("thread_key"),
                Channel.valueOf(rs.getString("trigger_channel")),
                instant(rs, "created_at"),
                instant(rs, "due_at"),
                Priority.valueOf(rs.getString("priority")),
                rs.getString("queue"),
                rs.getInt("escalation_tier"),
                rs.getString("assignee"),
                instant(rs, "closed_at"),
                rs.getObject("closed_by_contact_id", UUID.class),
                rs.getBoolean("closed_late"),
                instant(rs, "changed_at"),
                rs.getString("change_reason"));
    }

    private static Contact contact(ResultSet rs) throws SQLException {
        List<Identifier> identifiers = new ArrayList<>();
        IdentifierColumns.valuesIn(rs).forEach((type, value) -> identifier(identifiers, type, value));
        ChannelDetails details = new ChannelDetails(
                rs.getString("segment"),
                rs.getString("call_outcome"),
                rs.getObject("duration_seconds", Integer.class),
                instant(rs, "callback_requested_at"),
                rs.getString("in_reply_to"),
                strings(rs.getArray("attachment_names")),
                instant(rs, "promised_reply_by"),
                rs.getString("chat_author"),
                rs.getObject("resolved", Boolean.class),
                rs.getObject("rating", Integer.class),
                rs.getString("order_id"),
                rs.getObject("amount_minor", Long.class),
                rs.getString("currency"),
                textMap(rs, "details"));
        return new Contact(
                rs.getObject("contact_id", UUID.class),
                rs.getString("source_event_id"),
                rs.getString("source"),
                rs.getString("tenant"),
                Channel.valueOf(rs.getString("channel")),
                Direction.valueOf(rs.getString("direction")),
                Contact.kindNamed(rs.getString("kind")),
                instant(rs, "occurred_at"),
                instant(rs, "routed_at"),
                identifiers,
                rs.getString("customer_name"),
                rs.getString("language"),
                rs.getString("thread_key"),
                rs.getString("channel_ref"),
                rs.getString("subject"),
                rs.getString("text"),
                rs.getBoolean("text_truncated"),
                rs.getString("agent_id"),
                Intent.valueOf(rs.getString("intent")),
                Priority.valueOf(rs.getString("priority")),
                rs.getString("queue"),
                details,
                strings(rs.getArray("warnings")),
                strings(rs.getArray("consents")).stream().map(ConsentChange::parse).toList());
    }

    private static void identifier(List<Identifier> identifiers, IdentifierType type, String value) {
        if (value != null && !value.isBlank()) {
            identifiers.add(new Identifier(type, value));
        }
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : List.of((UUID[]) array.getArray());
    }
}
