package io.omnirouter.history.rebuild.application;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The projections a rebuild writes: shadow tables shaped like the live ones, filled while the live ones keep serving,
 * then swapped in at once. Which tables they are, and what stays live (decisions, tasks, notes), is
 * docs/identity-resolution-and-rebuild.md's "Rebuild".
 */
public interface ShadowProjections {

    /**
     * Drops what an earlier rebuild left behind and creates empty shadow tables, shaped like the live ones now. Their
     * rows keep the live tables' times of first recording (a contact's {@code recorded_at}, a customer's
     * {@code created_at}): when this database first recorded something is not in the log, and a rebuild must not change it.
     */
    void create();

    /** Whether the shadow tables exist (a rebuild to resume). */
    boolean exist();

    /** Runs {@code work} with this thread's database work on the shadow tables (and the live ones they do not shadow). */
    <T> T inShadow(Supplier<T> work);

    /** The next offset to read of each partition of {@code topic}, as the rebuild last saved it; empty at first. */
    Map<Integer, Long> progress(String topic);

    /** Saves how far {@code topic} was read and applied to the shadow tables. */
    void saveProgress(String topic, Map<Integer, Long> nextOffsets);

    /**
     * The switch, in one transaction: blocks the live projections (readers wait, writers too), runs {@code lastWork}
     * on the shadow tables in that transaction, then puts the shadow tables in the live ones' place. Afterwards every
     * reader sees the rebuilt history; none ever saw a mix.
     *
     * @throws IllegalStateException if the database schema changed (a migration ran) since the shadow was created
     */
    void switchOver(String schemaVersion, Runnable lastWork);

    /** The live schema's version (Flyway's), to tell a switch that the shadow's shape is stale. */
    String schemaVersion();

    /** Drops the replaced tables and the shadow's bookkeeping. */
    void dropLeftovers();
}
