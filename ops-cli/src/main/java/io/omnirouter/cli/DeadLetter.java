package io.omnirouter.cli;

import io.omnirouter.schemas.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record of a {@code *.DLT} topic, read through its dead-letter headers (the last header of a name wins). */
record DeadLetter(ConsumerRecord<byte[], byte[]> record) {

    /** Added to a replayed record: {@code <dlt-topic>/<partition>/<offset>} of the dead letter it came from. */
    static final String REPLAY_OF = "omnirouter.replay.of";
    /** When it was replayed (ISO-8601). */
    static final String REPLAYED_AT = "omnirouter.replay.at";

    String reason() {
        return header(DeadLetterHeaders.REASON);
    }

    String exception() {
        return header(DeadLetterHeaders.EXCEPTION);
    }

    String sourceTopic() {
        return header(DeadLetterHeaders.SOURCE_TOPIC);
    }

    String sourcePartition() {
        return header(DeadLetterHeaders.SOURCE_PARTITION);
    }

    String sourceOffset() {
        return header(DeadLetterHeaders.SOURCE_OFFSET);
    }

    String failedAt() {
        return header(DeadLetterHeaders.FAILED_AT);
    }

    String failedBy() {
        return header(DeadLetterHeaders.FAILED_BY);
    }

    /** Where a replay sends it: the source-topic header, else the DLT's name without {@code .DLT}. */
    String replayTarget() {
        String source = sourceTopic();
        return source == null || source.isBlank() ? Topics.sourceOfDeadLetterTopic(record.topic()) : source.strip();
    }

    /** {@code channel.email.DLT/0/12}. */
    String coordinates() {
        return record.topic() + "/" + record.partition() + "/" + record.offset();
    }

    private String header(String name) {
        return DeadLetterHeaders.lastValue(record.headers(), name);
    }
}
