package io.omnirouter.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The headers of a dead-letter record ({@code <source topic>.DLT}), part of the Kafka contract
 * (docs/kafka-contract.md).
 * The value and key stay the original bytes, untouched; these headers say why and where from. All values
 * are UTF-8 strings so that ops tools and humans can read them without knowing Java's int encoding.
 */
public final class DeadLetterHeaders {

    /** Human-readable reason: what is wrong with the record, precise enough to fix the producer. */
    public static final String REASON = "omnirouter.dlt.reason";
    /** Fully qualified class name of the exception that rejected the record. */
    public static final String EXCEPTION = "omnirouter.dlt.exception";
    public static final String SOURCE_TOPIC = "omnirouter.dlt.source.topic";
    public static final String SOURCE_PARTITION = "omnirouter.dlt.source.partition";
    public static final String SOURCE_OFFSET = "omnirouter.dlt.source.offset";
    /** When the record was rejected (ISO-8601). */
    public static final String FAILED_AT = "omnirouter.dlt.failed-at";
    /** The service that rejected it. */
    public static final String FAILED_BY = "omnirouter.dlt.failed-by";

    /** Non-fatal problem on a record that was processed, e.g. an unparseable identifier that was dropped. */
    public static final String WARNING = "omnirouter.warning";

    private DeadLetterHeaders() {
    }

    /** The original record's headers followed by the dead-letter headers describing {@code cause}. */
    public static List<Header> describe(ConsumerRecord<?, ?> source, Throwable cause, String failedBy, Instant failedAt) {
        List<Header> headers = new ArrayList<>();
        source.headers().forEach(headers::add);
        headers.add(header(REASON, reasonOf(cause)));
        headers.add(header(EXCEPTION, cause.getClass().getName()));
        headers.add(header(SOURCE_TOPIC, source.topic()));
        headers.add(header(SOURCE_PARTITION, Integer.toString(source.partition())));
        headers.add(header(SOURCE_OFFSET, Long.toString(source.offset())));
        headers.add(header(FAILED_AT, failedAt.toString()));
        headers.add(header(FAILED_BY, failedBy));
        return headers;
    }

    public static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The value of the last header of that name, or null. */
    public static String lastValue(Iterable<Header> headers, String name) {
        String value = null;
        for (Header h : headers) {
            if (h.key().equals(name) && h.value() != null) {
                value = new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return value;
    }

    /** The message of the cause chain, outermost first, so a wrapped decoding error keeps its detail. */
    static String reasonOf(Throwable cause) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = cause; t != null && t != t.getCause(); t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && reason.indexOf(message) < 0) {
                if (reason.length() > 0) {
                    reason.append(": ");
                }
                reason.append(message);
            }
        }
        return reason.length() > 0 ? reason.toString() : cause.getClass().getSimpleName();
    }
}
