package io.omnirouter.history.shared.action.infrastructure;

/** A record on agent.actions that is not a valid action; it goes to agent.actions.DLT with this reason. */
class InvalidAgentActionException extends RuntimeException {

    InvalidAgentActionException(String reason) {
        super(reason);
    }
}
