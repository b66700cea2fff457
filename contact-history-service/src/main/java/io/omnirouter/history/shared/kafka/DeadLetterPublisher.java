package io.omnirouter.history.shared.kafka;

import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.DeadLetterHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends records that can never be processed to {@code <source topic>.DLT}: the original key and value
 * bytes untouched, the original headers, and the {@link DeadLetterHeaders} saying why and where from
 * (docs/kafka-contract.md). Returns only once the broker has them all, so the caller may commit the source offsets.
 */
@Component
public class DeadLetterPublisher {

    /** Records sent to a dead-letter topic, by source topic, exception class and {@link DeadLetterReason}. */
    public static final String DEAD_LETTERS = "omnirouter.history.dead.letters";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final KafkaTemplate<byte[], byte[]> template;
    private final DeadLetterProperties properties;
    private final String failedBy;
    private final MeterRegistry meters;

    public DeadLetterPublisher(KafkaTemplate<byte[], byte[]> template, DeadLetterProperties properties,
                               @Value("${spring.application.name}") String failedBy, MeterRegistry meters) {
        this.template = template;
        this.properties = properties;
        this.failedBy = failedBy;
        this.meters = meters;
    }

    /** A record and why it cannot be processed. */
    public record DeadLetter(ConsumerRecord<byte[], byte[]> record, Exception cause) {
    }

    /** @throws KafkaException if the broker did not take them all in time; the caller must not commit */
    public void publish(List<DeadLetter> letters) {
        Instant failedAt = Instant.now();
        List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>(letters.size());
        for (DeadLetter letter : letters) {
            ConsumerRecord<byte[], byte[]> source = letter.record();
            // The partition follows the key, as on the source topic; the DLT may have fewer partitions.
            sends.add(template.send(new ProducerRecord<>(source.topic() + ContractTopic.DEAD_LETTER_SUFFIX, null,
                    source.key(), source.value(), DeadLetterHeaders.describe(source, letter.cause(), failedBy, failedAt))));
        }
        for (int i = 0; i < sends.size(); i++) {
            awaitAcknowledged(sends.get(i), letters.get(i));
        }
    }

    private void awaitAcknowledged(CompletableFuture<SendResult<byte[], byte[]>> send, DeadLetter letter) {
        ConsumerRecord<byte[], byte[]> source = letter.record();
        try {
            send.get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while dead-lettering " + where(source), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("dead-lettering " + where(source) + " failed", e.getCause() == null ? e : e.getCause());
        }
        Counter.builder(DEAD_LETTERS).description("Records sent to a dead-letter topic, by source topic, exception and reason")
                .tag("topic", source.topic()).tag("exception", letter.cause().getClass().getSimpleName())
                .tag("reason", DeadLetterReason.of(letter.cause())).register(meters).increment();
        // The reason names what is wrong, never the record's content (it may be personal data).
        log.warn("Dead-lettered {}: {} ({})", where(source), letter.cause().getMessage(), letter.cause().getClass().getSimpleName());
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
