package io.omnirouter.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The PostgreSQL limit the history ingest is compared with: the very rows the service stored in a phase,
 * written again with binary {@code COPY} (pgjdbc's CopyManager) into a scratch table with the same columns,
 * indexes, constraints and foreign key as {@code contact} — in transactions of the service's batch size, over
 * as many connections as the service has ingest consumers.
 */
final class RawInsert {

    private static final String SCRATCH = "bench_raw_contact";
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};

    private final HistoryDb db;

    RawInsert(HistoryDb db) {
        this.db = db;
    }

    record Result(long rows, double seconds, int batchSize, int connections, long bytes) {

        double perSecond() {
            return seconds <= 0 ? 0 : rows / seconds;
        }
    }

    Result run(Instant since, int batchSize, int connections) {
        try {
            byte[] copy = export(since);
            List<byte[]> chunks = split(copy, batchSize);
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + SCRATCH);
                statement.execute("CREATE TABLE " + SCRATCH + " (LIKE contact INCLUDING ALL)");
                statement.execute("ALTER TABLE " + SCRATCH + " ADD FOREIGN KEY (customer_id) REFERENCES customer (customer_id)");
            }
            ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>(chunks);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> writers = new ArrayList<>();
            List<Connection> opened = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                opened.add(db.connect());
            }
            long start = System.nanoTime();
            for (Connection connection : opened) {
                Thread writer = new Thread(() -> {
                    try {
                        PGConnection pg = connection.unwrap(PGConnection.class);
                        byte[] chunk;
                        while ((chunk = queue.poll()) != null && failure.get() == null) {
                            CopyIn in = pg.getCopyAPI().copyIn("COPY " + SCRATCH + " FROM STDIN (FORMAT binary)");
                            in.writeToCopy(chunk, 0, chunk.length);
                            in.endCopy();
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "bench-raw-insert");
                writers.add(writer);
                writer.start();
            }
            for (Thread writer : writers) {
                writer.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (Connection connection : opened) {
                connection.close();
            }
            if (failure.get() != null) {
                throw new BenchException("The raw COPY insert failed: " + failure.get(), failure.get());
            }
            long copied;
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                var rs = statement.executeQuery("SELECT count(*) FROM " + SCRATCH);
                rs.next();
                copied = rs.getLong(1);
                statement.execute("DROP TABLE " + SCRATCH);
            }
            return new Result(copied, seconds, batchSize, connections, copy.length);
        } catch (SQLException e) {
            throw new BenchException("The raw COPY insert failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        }
    }

    /** The phase's rows in PostgreSQL's binary COPY format, in the order they were recorded. */
    private byte[] export(Instant since) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024 * 1024);
        try (Connection connection = db.connect()) {
            String sql = "COPY (SELECT * FROM contact WHERE recorded_at >= '" + since + "'::timestamptz ORDER BY recorded_at, contact_id) TO STDOUT (FORMAT binary)";
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        return out.toByteArray();
    }

    /**
     * Splits one binary COPY stream (signature, flags, header extension, tuples, trailer) into streams of
     * at most {@code batchSize} tuples each.
     */
    static List<byte[]> split(byte[] copy, int batchSize) {
        ByteBuffer in = ByteBuffer.wrap(copy);
        int headerLength = 11 + 4 + 4 + in.getInt(15);
        byte[] header = new byte[headerLength];
        in.get(header);
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream chunk = null;
        int tuples = 0;
        while (true) {
            int tupleStart = in.position();
            short fields = in.getShort();
            if (fields == -1) {
                break;
            }
            for (int f = 0; f < fields; f++) {
                int length = in.getInt();
                if (length > 0) {
                    in.position(in.position() + length);
                }
            }
            if (chunk == null) {
                chunk = new ByteArrayOutputStream(batchSize * 512);
                chunk.write(header, 0, header.length);
            }
            chunk.write(copy, tupleStart, in.position() - tupleStart);
            if (++tuples == batchSize) {
                chunk.write(TRAILER, 0, 2);
                chunks.add(chunk.toByteArray());
                chunk = null;
                tuples = 0;
            }
        }
        if (chunk != null) {
            chunk.write(TRAILER, 0, 2);
            chunks.add(chunk.toByteArray());
        }
        return chunks;
    }
}
