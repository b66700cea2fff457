package io.omnirouter.history.shared.action.infrastructure;

import io.omnirouter.history.shared.kafka.DeadLetterReason;

/** A record on agent.actions that is not a valid action; it goes to agent.actions.DLT with this reason. */
class InvalidAgentActionException extends RuntimeException implements DeadLetterReason {

    InvalidAgentActionException(String reason) {
        super(reason);
    }

    @Override
    public String deadLetterReason() {
        return "INVALID_AGENT_ACTION";
    }
}
