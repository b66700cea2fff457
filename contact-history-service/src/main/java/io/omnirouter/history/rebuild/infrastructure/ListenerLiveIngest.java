package io.omnirouter.history.rebuild.infrastructure;

import io.omnirouter.history.contact.infrastructure.ContactEventsListener;
import io.omnirouter.history.rebuild.application.LiveIngest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/** The contact.events listener container of this instance. */
@Component
class ListenerLiveIngest implements LiveIngest {

    private final KafkaListenerEndpointRegistry registry;

    ListenerLiveIngest(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void stop() {
        // Returns once the consumers stopped: the batch in hand is stored and its offsets committed.
        container().stop();
    }

    @Override
    public void start() {
        container().start();
    }

    private MessageListenerContainer container() {
        MessageListenerContainer container = registry.getListenerContainer(ContactEventsListener.LISTENER_ID);
        if (container == null) {
            throw new IllegalStateException("no listener container " + ContactEventsListener.LISTENER_ID);
        }
        return container;
    }
}
