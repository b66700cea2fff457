package io.omnirouter.history.shared.kafka;

/**
 * What kind of problem sent a record to its dead-letter topic, as a short constant (a metric tag: a few values, never
 * a record's content): implemented by the exceptions the listeners reject records with.
 */
public interface DeadLetterReason {

    /** Not a record of the topic's schema in the Confluent wire format (bad bytes, unknown schema id, another schema). */
    String UNDECODABLE = "UNDECODABLE";
    /** A failure nobody foresaw. */
    String UNEXPECTED = "UNEXPECTED";

    /** e.g. {@code INVALID_CONTACT_EVENT}, {@code REFUSED_BY_DATABASE_23514} */
    String deadLetterReason();

    /** The reason of {@code cause}. */
    static String of(Throwable cause) {
        if (cause instanceof DeadLetterReason reason) {
            return reason.deadLetterReason();
        }
        return cause instanceof org.apache.kafka.common.errors.SerializationException ? UNDECODABLE : UNEXPECTED;
    }
}
