package io.omnirouter.router.routing.infrastructure;

/**
 * The offsets {@code [from, until)} of one partition whose records rebuild its duplicate window: the last
 * {@code window} offsets before the offset the group resumes from, none before the log's start (retention
 * may have deleted older ones).
 */
record RestoreRange(long from, long until) {

    static RestoreRange before(long resumeOffset, long logStartOffset, int window) {
        long from = Math.max(logStartOffset, resumeOffset - window);
        return new RestoreRange(Math.min(from, resumeOffset), resumeOffset);
    }

    boolean isEmpty() {
        return from >= until;
    }

    boolean contains(long offset) {
        return offset >= from && offset < until;
    }
}
