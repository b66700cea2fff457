package io.omnirouter.history.customer.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes application events only once the current transaction has committed (immediately when there
 * is none), so listeners (server-sent events) only ever see facts that are in the database. A rolled
 * back transaction publishes nothing.
 */
@Component
public class CommittedEvents {

    private static final Logger log = LoggerFactory.getLogger(CommittedEvents.class);

    private final ApplicationEventPublisher publisher;

    public CommittedEvents(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(Object event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            deliver(event);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                deliver(event);
            }
        });
    }

    private void deliver(Object event) {
        try {
            publisher.publishEvent(event);
        } catch (RuntimeException e) {
            // The fact is committed; a failing listener must not make the caller retry (or fail) it. The
            // exception's message may quote personal data: only its class at WARN.
            log.warn("A listener failed on {} ({})", event.getClass().getSimpleName(), e.getClass().getName());
            log.debug("Listener failure", e);
        }
    }
}
