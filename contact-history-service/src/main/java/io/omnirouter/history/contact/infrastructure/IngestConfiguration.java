package io.omnirouter.history.contact.infrastructure;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryClient;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    /** Failed attempts to process a batch, tagged by exception; ops alert on it growing. */
    static final String FAILED_ATTEMPTS_METER = "omnirouter.history.ingest.failed.attempts";

    /** Reads every ContactEvent, whatever schema version wrote it, into this build's generated class. */
    @Bean
    ConfluentAvroDeserializer<ContactEvent> contactEventDeserializer(SchemaRegistryClient registry) {
        return new ConfluentAvroDeserializer<>(registry, ContactEvent.class);
    }

    /**
     * The listener container's error handler (Spring Boot applies it to the listener container factory).
     * The listener dead-letters what is wrong with a record itself (undecodable, invalid, or refused by
     * PostgreSQL even on its own: {@link IsolatingRefusedContacts}), so whatever still reaches this
     * handler is transient (database, registry or broker unreachable): the whole batch is retried with
     * growing pauses, without end, and offsets are committed only once it went through.
     */
    @Bean
    DefaultErrorHandler retryingErrorHandler(IngestProperties properties, MeterRegistry meters) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitial().toMillis(), properties.retryMultiplier());
        backOff.setMaxInterval(properties.retryMax().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        // Spring's default treats some exceptions as fatal and skips their records after logging: here
        // that would lose contacts, so every exception is retried.
        handler.setClassifications(Map.of(), true);
        handler.setRetryListeners(new ReportingFailedAttempts(meters));
        return handler;
    }

    /** Makes a stuck ingest visible: a WARN line per failed attempt and a counter to alert on. */
    private record ReportingFailedAttempts(MeterRegistry meters) implements RetryListener {

        private static final Logger log = LoggerFactory.getLogger(ContactEventsListener.class);

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            report(1, record.topic(), ex, deliveryAttempt);
        }

        @Override
        public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
            String topics = records.partitions().stream().map(TopicPartition::topic).distinct().collect(Collectors.joining(", "));
            report(records.count(), topics, ex, deliveryAttempt);
        }

        /** The topic is named: this handler serves the contact events' and the agent actions' listeners alike. */
        private void report(int records, String topics, Exception ex, int attempt) {
            Throwable cause = ex instanceof ListenerExecutionFailedException && ex.getCause() != null ? ex.getCause() : ex;
            meters.counter(FAILED_ATTEMPTS_METER, "exception", cause.getClass().getSimpleName()).increment();
            // Messages only: with server detail off, the database errors that get here (connection, locks, schema:
            // the ones that quote values, class 22, are the record's fault and dead-lettered) and registry errors
            // do not quote record content.
            log.warn("Storing a batch of {} records of {} failed (attempt {}), retrying: {}",
                    records, topics, attempt, messages(cause));
            log.debug("Cause of the failed attempt", cause);
        }

        /** "BadSqlGrammarException: …; PSQLException: ERROR: relation … does not exist": the outer message rarely says why. */
        private static String messages(Throwable failure) {
            StringJoiner chain = new StringJoiner("; caused by ");
            for (Throwable t = failure; t != null && t != t.getCause(); t = t.getCause()) {
                chain.add(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
            return chain.toString();
        }
    }
}
