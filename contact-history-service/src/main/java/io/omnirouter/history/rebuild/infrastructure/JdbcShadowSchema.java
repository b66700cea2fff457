package io.omnirouter.history.rebuild.infrastructure;

import io.omnirouter.history.rebuild.application.ShadowProjections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shadow tables as a PostgreSQL schema, {@value #SHADOW}: a copy of each projection table's shape (columns,
 * defaults, constraints and indexes under their own names, triggers, foreign keys among themselves), read from the
 * catalog, so a migration that changes a live table changes the next shadow too. The switch moves the live tables
 * into {@value #RETIRED} and the shadow ones into {@code public}, in one transaction under ACCESS EXCLUSIVE locks.
 * Names are kept, so later migrations find the tables, constraints and indexes they name.
 */
@Component
class JdbcShadowSchema implements ShadowProjections {

    static final String SHADOW = "rebuild";
    static final String RETIRED = "rebuild_retired";
    /**
     * What the log derives: from contact.events, and from agent.actions (unmerges, clearings, decisions on tasks, notes,
     * absences). Parents before children: foreign keys are created in this order.
     */
    static final List<String> TABLES = List.of("customer", "customer_identifier", "customer_merge", "customer_unmerge",
            "identifier_sharing_cleared", "contact", "followup_pending", "follow_up_refused_contact", "follow_up_decision",
            // Empty in the shadow: after the switch every customer is folded from its first contact again.
            "follow_up_checkpoint", "customer_note", "agent_absence", "erased_customer");
    /**
     * Locked by the switch too, not replaced: the actions' outcomes. An action applied live while the switch runs would
     * otherwise be applied to the old tables after the last read of agent.actions; this way it waits, and is then
     * found applied by the switch, or applied to the rebuilt tables. Locked first, in the order the actions'
     * consumer takes its locks (the action's row, then the projections), so that the two do not deadlock.
     */
    static final List<String> LOCKED_WITH = List.of("agent_action");
    /**
     * The columns that say when this database first recorded a row (table: key column, time column): not in the log,
     * so a row the live table has keeps its time there, set by a trigger of the shadow's own, dropped at the switch.
     */
    static final Map<String, List<String>> FIRST_RECORDED = Map.of("customer", List.of("customer_id", "created_at"),
            "contact", List.of("contact_id", "recorded_at"));
    private static final String KEEPS_FIRST_RECORDED = "keeps_first_recorded";

    private static final String CONSTRAINTS = """
            SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
             WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'c', 'x', 'f')
             ORDER BY CASE contype WHEN 'f' THEN 1 ELSE 0 END, conname""";
    private static final String INDEXES = """
            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
             WHERE i.indrelid = ?::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
             ORDER BY i.indexrelid""";
    /** The history triggers (V30) stay off the shadow: its rows are no new versions. The switch moves them over. */
    private static final String HISTORY_TRIGGER = "%_keeps_history_%";
    private static final String TRIGGERS = "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = ?::regclass AND NOT tgisinternal"
            + " AND tgname NOT LIKE '" + HISTORY_TRIGGER + "'";
    private static final String HISTORY_TRIGGERS = "SELECT tgname, pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgrelid = ?::regclass"
            + " AND tgname LIKE '" + HISTORY_TRIGGER + "'";
    private static final String SCHEMA_VERSION = "SELECT coalesce(max(version), '') FROM flyway_schema_history WHERE success";

    private final JdbcTemplate jdbc;
    private final ShadowRoutingDataSource routing;
    private final TransactionTemplate transaction;

    JdbcShadowSchema(JdbcTemplate jdbc, ShadowRoutingDataSource routing, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.routing = routing;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void create() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("DROP SCHEMA IF EXISTS " + SHADOW + " CASCADE");
            jdbc.execute("CREATE SCHEMA " + SHADOW);
            Map<String, List<String>> foreignKeys = new HashMap<>();
            for (String table : TABLES) {
                String live = "public." + table;
                String shadow = SHADOW + "." + table;
                jdbc.execute("CREATE TABLE " + shadow + " (LIKE " + live + " INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING STORAGE)");
                // Read with the live search path, the definitions name the tables unqualified: run with the shadow's
                // first, a foreign key then refers to the shadow's parent table.
                jdbc.query(CONSTRAINTS, rs -> {
                    String add = "ALTER TABLE " + shadow + " ADD CONSTRAINT " + rs.getString("conname") + " " + rs.getString("definition");
                    if (rs.getString("definition").startsWith("FOREIGN KEY")) {
                        foreignKeys.computeIfAbsent(table, t -> new ArrayList<>()).add(add);
                    } else {
                        jdbc.execute(add);
                    }
                }, live);
                for (String index : jdbc.queryForList(INDEXES, String.class, live)) {
                    jdbc.execute(onShadow(index, table));
                }
                for (String trigger : jdbc.queryForList(TRIGGERS, String.class, live)) {
                    jdbc.execute(onShadow(trigger, table));
                }
            }
            FIRST_RECORDED.forEach((table, columns) -> {
                String key = columns.get(0);
                String time = columns.get(1);
                jdbc.execute("CREATE FUNCTION " + SHADOW + "." + KEEPS_FIRST_RECORDED + "_" + table + "() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN NEW." + time + " := coalesce((SELECT l." + time + " FROM public." + table + " l WHERE l." + key + " = NEW." + key
                        + "), NEW." + time + "); RETURN NEW; END $$");
                jdbc.execute("CREATE TRIGGER " + KEEPS_FIRST_RECORDED + " BEFORE INSERT ON " + SHADOW + "." + table
                        + " FOR EACH ROW EXECUTE FUNCTION " + SHADOW + "." + KEEPS_FIRST_RECORDED + "_" + table + "()");
            });
            jdbc.execute("CREATE TABLE " + SHADOW + ".rebuild_progress (topic text, partition integer, next_offset bigint NOT NULL,"
                    + " PRIMARY KEY (topic, partition))");
            // What a rebuild derives again is no news for the live stream: its changes land here, never switched in.
            jdbc.execute("CREATE TABLE " + SHADOW + ".live_change (LIKE public.live_change INCLUDING DEFAULTS INCLUDING IDENTITY)");
            jdbc.execute("SET LOCAL search_path TO " + SHADOW + ", public");
            TABLES.forEach(table -> foreignKeys.getOrDefault(table, List.of()).forEach(jdbc::execute));
        });
    }

    @Override
    public boolean exist() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT to_regclass('" + SHADOW + ".rebuild_progress') IS NOT NULL", Boolean.class));
    }

    @Override
    public <T> T inShadow(Supplier<T> work) {
        return routing.inShadow(work);
    }

    @Override
    public Map<Integer, Long> progress(String topic) {
        Map<Integer, Long> offsets = new HashMap<>();
        jdbc.query("SELECT partition, next_offset FROM " + SHADOW + ".rebuild_progress WHERE topic = ?",
                rs -> {
                    offsets.put(rs.getInt("partition"), rs.getLong("next_offset"));
                }, topic);
        return offsets;
    }

    @Override
    public void saveProgress(String topic, Map<Integer, Long> nextOffsets) {
        nextOffsets.forEach((partition, offset) -> jdbc.update("INSERT INTO " + SHADOW + ".rebuild_progress (topic, partition, next_offset)"
                + " VALUES (?, ?, ?) ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset", topic, partition, offset));
    }

    @Override
    public String schemaVersion() {
        return jdbc.queryForObject(SCHEMA_VERSION, String.class);
    }

    @Override
    public void switchOver(String schemaVersion, Runnable lastWork) {
        routing.inShadow(() -> transaction.execute(status -> {
            // Readers of the live tables wait from here to the commit: they see the old history or the new, never a mix.
            jdbc.execute("LOCK TABLE " + String.join(", ", Stream.concat(LOCKED_WITH.stream(), TABLES.stream())
                    .map(table -> "public." + table).toList()) + " IN ACCESS EXCLUSIVE MODE");
            String now = schemaVersion();
            if (!now.equals(schemaVersion)) {
                throw new IllegalStateException("the database schema changed during the rebuild (version " + schemaVersion + " → " + now
                        + "): the shadow tables have the old shape; start the rebuild again");
            }
            lastWork.run();
            FIRST_RECORDED.keySet().forEach(table -> jdbc.execute("DROP TRIGGER " + KEEPS_FIRST_RECORDED + " ON " + SHADOW + "." + table));
            jdbc.execute("DROP SCHEMA IF EXISTS " + RETIRED + " CASCADE");
            jdbc.execute("CREATE SCHEMA " + RETIRED);
            for (String table : TABLES) {
                jdbc.execute("ALTER TABLE public." + table + " SET SCHEMA " + RETIRED);
            }
            for (String table : TABLES) {
                jdbc.execute("ALTER TABLE " + SHADOW + "." + table + " SET SCHEMA public");
                // The history goes on with the rebuilt table: the same versions, so nothing new to record.
                String retired = RETIRED + "." + table;
                for (Map<String, Object> trigger : jdbc.queryForList(HISTORY_TRIGGERS, retired)) {
                    jdbc.execute("DROP TRIGGER " + trigger.get("tgname") + " ON " + retired);
                    jdbc.execute(((String) trigger.get("definition")).replace(" ON " + retired + " ", " ON public." + table + " "));
                }
            }
            return null;
        }));
    }

    @Override
    public void dropLeftovers() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + RETIRED + " CASCADE");
        jdbc.execute("DROP SCHEMA IF EXISTS " + SHADOW + " CASCADE");
    }

    /** A CREATE INDEX or CREATE TRIGGER statement of the live table, made to create the same on the shadow table. */
    private static String onShadow(String definition, String table) {
        String live = " ON public." + table + " ";
        if (!definition.contains(live)) {
            throw new IllegalStateException("unexpected definition on " + table + ": " + definition);
        }
        return definition.replace(live, " ON " + SHADOW + "." + table + " ");
    }
}
