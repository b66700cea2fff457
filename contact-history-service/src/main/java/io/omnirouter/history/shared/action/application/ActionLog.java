package io.omnirouter.history.shared.action.application;

import io.omnirouter.history.shared.action.model.AgentAction;

/** Where accepted actions go: {@code agent.actions}. */
public interface ActionLog {

    /**
     * Publishes the action in a Kafka transaction of its own and returns once it is committed.
     *
     * @throws RuntimeException if the broker did not take it; then it was not published
     */
    void publish(AgentAction action);
}
