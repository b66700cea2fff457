package io.omnirouter.history.followup.application;

import io.omnirouter.history.shared.action.application.ActionRefusedException;

/** The agent has no absence to end. */
public class AbsenceNotFoundException extends ActionRefusedException {

    public AbsenceNotFoundException(String agentId) {
        super(404, "Absence not found", "agent " + agentId + " has no absence");
    }
}
