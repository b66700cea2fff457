package io.omnirouter.history.customer.application;

import io.omnirouter.history.shared.action.application.ActionRefusedException;
import java.util.UUID;

/** The merge was undone before. */
public class MergeAlreadyUndoneException extends ActionRefusedException {

    public MergeAlreadyUndoneException(UUID mergeId) {
        super(409, "Merge already undone", "merge " + mergeId + " was already undone");
    }
}
