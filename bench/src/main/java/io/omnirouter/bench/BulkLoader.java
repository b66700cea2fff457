package io.omnirouter.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.omnirouter.contact.Channel;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.simulator.ChannelEvent;
import io.omnirouter.simulator.CustomerJourneys;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Grows the history store directly with {@code COPY} (text format, pgjdbc CopyManager) — far faster than
 * sending millions of events through the pipeline. Background customers get identifiers of their own
 * namespace ({@code bg<n>@bulk.example}, {@code +999…}, {@code BG<n>}) that the simulated population never
 * uses, so the benchmark's traffic never links to them; their contacts are spread over the past year and
 * written in random customer order, as a store that grew over time holds them (a customer's contacts are
 * scattered over the table, not clustered). Their channels are mixed as in the simulated traffic ({@link #channelMix}).
 */
final class BulkLoader {

    /** Events of the simulated traffic whose channels give the mix. */
    private static final int MIX_SAMPLE = 20_000;
    /** A background contact's kind on its channel; a channel not named here gets OTHER, as a reader unaware of its kinds. */
    private static final Map<Channel, String> TYPICAL_KIND = Map.of(
            Channel.EMAIL, "EMAIL",
            Channel.PHONE, "CALL_ANSWERED",
            Channel.CHAT, "CHAT_MESSAGE",
            Channel.WEBSHOP, "ORDER_PLACED",
            Channel.SOCIAL, "SOCIAL_MESSAGE");
    private static final String[] INTENTS = {"QUESTION", "QUESTION", "ORDER", "ORDER", "COMPLAINT", "FEEDBACK", "OTHER"};
    private static final String[] PRIORITIES = {"NORMAL", "NORMAL", "NORMAL", "HIGH", "LOW"};
    private static final String[] QUEUES = {"general", "orders", "complaints", "phone", "support-sl"};
    private static final String[] TEXTS = {
            "Hello, I ordered a jacket last week and the tracking page still says it has not been shipped. Can you tell me when it will arrive? Order %d.",
            "Pozdravljeni, paket je prišel poškodovan, prosim za navodila glede vračila. Naročilo %d.",
            "Merhaba, siparişim %d hakkında bilgi almak istiyorum, teslimat ne zaman olacak?",
            "Здравствуйте, заказ %d пришёл не полностью, прошу проверить и связаться со мной.",
            "Thank you for the quick help yesterday, everything works now. Ticket %d can be closed.",
            "Customer called about invoice %d, explained the payment terms, agreed to send a copy by email."};
    private static final int FLUSH_CHARS = 256 * 1024;
    private static final String NIL = "00000000-0000-0000-0000-000000000000";
    /** Columns the loader writes (or may leave to their default / NULL); a new NOT NULL column must be added here. */
    private static final Map<String, Set<String>> WRITTEN = Map.of(
            "customer", Set.of("customer_id", "first_contact_at", "last_contact_at"),
            "customer_identifier", Set.of("type", "value", "customer_id", "first_seen_at", "touched_at", "touched_by", "seen_with"),
            "contact", Set.of("contact_id", "customer_id", "source_event_id", "source", "channel", "direction", "kind",
                    "occurred_at", "routed_at", "email", "thread_key", "channel_ref", "subject", "text", "text_truncated", "intent",
                    "priority", "queue", "attachment_names", "warnings", "origin_customer_id", "followup_applied"));

    private final HistoryDb db;
    private final Random random;
    private final List<Channel> channels;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private long nextCustomerNumber;
    private long nextContactNumber;
    private long customersLoaded;

    BulkLoader(HistoryDb db, long seed) {
        this.db = db;
        this.random = new Random(seed);
        this.channels = channelMix(seed);
    }

    /**
     * The channel of each of {@value #MIX_SAMPLE} events of the simulated traffic ({@link CustomerJourneys}): drawn from,
     * the background contacts come through the channels as often as the benchmark's traffic does. A channel topic's
     * contacts carry the channel of its name ({@link ContractTopic} and ContactEvent's {@code Channel} name them alike).
     */
    static List<Channel> channelMix(long seed) {
        Iterator<ChannelEvent> traffic = CustomerJourneys.events(seed, 1_000);
        List<Channel> mix = new ArrayList<>(MIX_SAMPLE);
        for (int i = 0; i < MIX_SAMPLE; i++) {
            mix.add(Channel.valueOf(traffic.next().topic().name()));
        }
        return List.copyOf(mix);
    }

    long customersLoaded() {
        return customersLoaded;
    }

    long contactsLoaded() {
        return nextContactNumber;
    }

    record Loaded(long customers, long identifiers, long contacts, double seconds) {

        double rowsPerSecond() {
            return seconds <= 0 ? 0 : (customers + identifiers + contacts) / seconds;
        }
    }

    /** {@code contacts} contacts over new background customers with about {@code contactsPerCustomer} each. */
    Loaded contactsOverNewCustomers(long contacts, int contactsPerCustomer) {
        int customers = (int) Math.max(1, (contacts + contactsPerCustomer - 1) / contactsPerCustomer);
        return load(customers, contacts, false);
    }

    /** {@code customers} new background customers with one contact each (and two or three identifiers). */
    Loaded customersWithOneContact(long customers) {
        return load((int) customers, customers, true);
    }

    private Loaded load(int customers, long contacts, boolean oneEach) {
        long start = System.nanoTime();
        long firstNumber = nextCustomerNumber;
        nextCustomerNumber += customers;
        long[] hi = new long[customers];
        long[] lo = new long[customers];
        for (int i = 0; i < customers; i++) {
            hi[i] = (random.nextLong() & ~0xf000L) | 0x4000L; // version 4
            lo[i] = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        }
        Instant firstContact = now.minus(Duration.ofDays(366));
        Instant lastContact = now.minus(Duration.ofHours(1));
        long identifiers = 0;
        boolean queued = db.hasTable("followup_pending");
        try (Connection connection = db.connect()) {
            // One transaction: the follow-up never sees bulk contacts queued (see below).
            connection.setAutoCommit(false);
            Schema schema = Schema.read(connection);
            schema.requireKnown();
            PGConnection pg = connection.unwrap(PGConnection.class);
            try (Copy copy = new Copy(pg, "COPY customer (customer_id, first_contact_at, last_contact_at) FROM STDIN")) {
                for (int i = 0; i < customers; i++) {
                    copy.row(uuid(hi[i], lo[i]), firstContact.toString(), lastContact.toString());
                }
            }
            boolean touched = schema.has("customer_identifier", "touched_at");
            try (Copy copy = new Copy(pg, "COPY customer_identifier (type, value, customer_id, first_seen_at"
                    + (touched ? ", touched_at, touched_by, seen_with" : "") + ") FROM STDIN")) {
                for (int i = 0; i < customers; i++) {
                    long number = firstNumber + i;
                    String id = uuid(hi[i], lo[i]);
                    String seen = firstContact.toString();
                    // Resolution state of an identifier no contact of the benchmark's traffic will ever carry: touched
                    // before every contact, by no contact, seen with its own customer only.
                    String[] state = touched ? new String[] {seen, NIL, "{" + id + "}"} : new String[0];
                    copy.row(concat(new String[] {"EMAIL", "bg" + number + "@bulk.example", id, seen}, state));
                    copy.row(concat(new String[] {"PHONE", String.format(Locale.ROOT, "+999%011d", number), id, seen}, state));
                    identifiers += 2;
                    if (random.nextInt(10) < 3) {
                        copy.row(concat(new String[] {"SHOP_CUSTOMER_ID", "BG" + number, id, seen}, state));
                        identifiers++;
                    }
                }
            }
            // Optional columns of later migrations: the customer a contact would have created (a function of its id), and
            // whether the follow-up has seen it (a store's history has been: bulk contacts must not become new promises).
            boolean origin = schema.has("contact", "origin_customer_id");
            boolean followUp = schema.has("contact", "followup_applied");
            try (Copy copy = new Copy(pg, "COPY contact (contact_id, customer_id, source_event_id, source, channel, direction, kind,"
                    + " occurred_at, routed_at, email, thread_key, channel_ref, subject, text, text_truncated, intent, priority,"
                    + " queue, attachment_names, warnings" + (origin ? ", origin_customer_id" : "") + (followUp ? ", followup_applied" : "")
                    + ") FROM STDIN")) {
                long span = Duration.between(firstContact, lastContact).toMillis();
                for (long c = 0; c < contacts; c++) {
                    int i = oneEach ? (int) c : random.nextInt(customers);
                    long contactNumber = nextContactNumber++;
                    Channel channel = channels.get(random.nextInt(channels.size()));
                    Instant occurred = firstContact.plusMillis(1 + (long) (random.nextDouble() * (span - 2)));
                    int order = 100000 + random.nextInt(900000);
                    UUID contactId = new UUID(random.nextLong(), random.nextLong());
                    String[] optional = new String[(origin ? 1 : 0) + (followUp ? 1 : 0)];
                    if (origin) {
                        optional[0] = UUID.nameUUIDFromBytes(("customer:" + contactId).getBytes(StandardCharsets.UTF_8)).toString();
                    }
                    if (followUp) {
                        optional[optional.length - 1] = "t";
                    }
                    copy.row(concat(new String[] {contactId.toString(),
                            uuid(hi[i], lo[i]),
                            "bulk-" + contactNumber,
                            "bulk-load",
                            channel.name(),
                            random.nextInt(10) < 7 ? "INBOUND" : "OUTBOUND",
                            TYPICAL_KIND.getOrDefault(channel, "OTHER"),
                            occurred.toString(),
                            occurred.plusMillis(40).toString(),
                            "bg" + (firstNumber + i) + "@bulk.example",
                            channel.name().toLowerCase(Locale.ROOT) + ":bulk-" + (firstNumber + i) + "-" + random.nextInt(8),
                            "bulk-ref-" + contactNumber,
                            channel == Channel.EMAIL ? "About order " + order : null,
                            String.format(Locale.ROOT, TEXTS[random.nextInt(TEXTS.length)], order),
                            "f",
                            INTENTS[random.nextInt(INTENTS.length)],
                            PRIORITIES[random.nextInt(PRIORITIES.length)],
                            QUEUES[random.nextInt(QUEUES.length)],
                            "{}",
                            "{}"}, optional));
                }
            }
            if (queued) {
                // The service queues every stored contact for the follow-up; a store's history was applied long ago.
                try (var statement = connection.createStatement()) {
                    statement.executeUpdate("DELETE FROM followup_pending p USING contact c"
                            + " WHERE c.contact_id = p.contact_id AND c.source = 'bulk-load'");
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new BenchException("Bulk load failed: " + e.getMessage(), e);
        }
        customersLoaded += customers;
        return new Loaded(customers, identifiers, contacts, (System.nanoTime() - start) / 1e9);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String uuid(long hi, long lo) {
        return new UUID(hi, lo).toString();
    }

    /** The history tables' columns as migrated (Flyway) in the running service's database. */
    private record Schema(Map<String, Set<String>> columns, List<String> requiredUnknown) {

        static Schema read(Connection connection) throws SQLException {
            Map<String, Set<String>> columns = new HashMap<>();
            List<String> unknown = new ArrayList<>();
            try (var statement = connection.prepareStatement("SELECT table_name, column_name, is_nullable, column_default"
                    + " FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY (?)")) {
                statement.setArray(1, connection.createArrayOf("text", WRITTEN.keySet().toArray()));
                try (var rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String table = rs.getString(1);
                        String column = rs.getString(2);
                        columns.computeIfAbsent(table, t -> new HashSet<>()).add(column);
                        if ("NO".equals(rs.getString(3)) && rs.getString(4) == null && !WRITTEN.get(table).contains(column)) {
                            unknown.add(table + "." + column);
                        }
                    }
                }
            }
            return new Schema(columns, unknown);
        }

        boolean has(String table, String column) {
            return columns.getOrDefault(table, Set.of()).contains(column);
        }

        void requireKnown() {
            if (!requiredUnknown.isEmpty()) {
                throw new BenchException("The history schema has required columns the bench's bulk loader does not write: "
                        + requiredUnknown + ". Teach io.omnirouter.bench.BulkLoader what to put there.");
            }
        }
    }

    /** One COPY … FROM STDIN in text format, rows buffered and sent in large writes. */
    private static final class Copy implements AutoCloseable {

        private final CopyIn in;
        private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4096);

        Copy(PGConnection pg, String sql) throws SQLException {
            this.in = pg.getCopyAPI().copyIn(sql);
        }

        void row(String... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                buffer.append(values[i] == null ? "\\N" : values[i]);
            }
            buffer.append('\n');
            if (buffer.length() >= FLUSH_CHARS) {
                flush();
            }
        }

        private void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }

        @Override
        public void close() throws SQLException {
            flush();
            in.endCopy();
        }
    }
}
