package io.omnirouter.history.shared.event;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes the history's domain events (a contact recorded, customers merged, a task changed, an action settled) in
 * the transaction that makes them true. Listeners choose when they hear of them: the live stream's changes are
 * written within that transaction (so they commit or roll back with it), counters use Spring's
 * {@code @TransactionalEventListener} and only ever count what committed.
 */
@Component
public class DomainEvents {

    private final ApplicationEventPublisher publisher;

    public DomainEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(Object event) {
        publisher.publishEvent(event);
    }
}
