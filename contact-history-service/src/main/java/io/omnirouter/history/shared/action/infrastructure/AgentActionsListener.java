package io.omnirouter.history.shared.action.infrastructure;

import io.omnirouter.history.shared.action.application.ApplyingActions;
import io.omnirouter.history.shared.action.infrastructure.AgentActionDecoder.Decoded;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Applies agent.actions, record by record in log order per partition, on whichever instance holds the partition.
 * Records that are not valid actions go to agent.actions.DLT with the reason; a failure to apply (the database away)
 * fails the record, and the container's error handler retries it until it passes, so no action is lost or skipped.
 */
public class AgentActionsListener {

    public static final String LISTENER_ID = "agent-actions";

    private final AgentActionDecoder decoder;
    private final ApplyingActions applying;
    private final DeadLetterPublisher deadLetters;

    AgentActionsListener(AgentActionDecoder decoder, ApplyingActions applying, DeadLetterPublisher deadLetters) {
        this.decoder = decoder;
        this.applying = applying;
        this.deadLetters = deadLetters;
    }

    /**
     * The group is the ingest group's name with {@code -actions}: the services that store contacts in one database
     * apply actions to it, and another deployment (another database) applies them to its own. A lost instance's
     * partitions move after 10 s instead of Kafka's default 45 s: actions wait on them meanwhile.
     */
    @KafkaListener(id = LISTENER_ID, idIsGroup = false, groupId = "${spring.kafka.consumer.group-id}-actions",
            topics = "#{T(io.omnirouter.schemas.ContractTopic).AGENT_ACTIONS.topic()}", batch = "false",
            properties = {"session.timeout.ms=10000", "heartbeat.interval.ms=3000"})
    void onAction(ConsumerRecord<byte[], byte[]> record) {
        Decoded decoded = decoder.decode(List.of(record));
        if (!decoded.rejected().isEmpty()) {
            deadLetters.publish(decoded.rejected());
        }
        decoded.actions().forEach(applying::apply);
    }
}
