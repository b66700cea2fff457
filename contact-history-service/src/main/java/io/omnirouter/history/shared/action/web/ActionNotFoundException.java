package io.omnirouter.history.shared.action.web;

import java.util.UUID;

class ActionNotFoundException extends RuntimeException {

    ActionNotFoundException(UUID actionId) {
        super("no action " + actionId);
    }
}
