package io.omnirouter.history.followup.model;

/**
 * Open tasks of one type in one queue, counted in the database (every one, not a page of them), and how many of them
 * are past their due time.
 */
public record OpenTaskCount(String type, String queue, long open, long overdue) {
}
