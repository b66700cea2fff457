package io.omnirouter.history.followup.application;

/** A rebuild is recording the contacts again: tasks are derived once it is done, agents' actions wait until then. */
public class FollowUpPausedException extends RuntimeException {

    public FollowUpPausedException() {
        super("the history is being rebuilt: follow-up tasks can be changed again once it is done");
    }
}
