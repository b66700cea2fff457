package io.omnirouter.history.customer.application;

import java.util.UUID;

/** The merge was undone before. */
public class MergeAlreadyUndoneException extends RuntimeException {

    public MergeAlreadyUndoneException(UUID mergeId) {
        super("merge " + mergeId + " was already undone");
    }
}
