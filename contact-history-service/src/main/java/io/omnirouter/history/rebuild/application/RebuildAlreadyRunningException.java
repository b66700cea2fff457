package io.omnirouter.history.rebuild.application;

/** A rebuild is already running in this instance. */
public class RebuildAlreadyRunningException extends RuntimeException {

    public RebuildAlreadyRunningException() {
        super("a rebuild is already running; see GET /api/ops/rebuild");
    }
}
