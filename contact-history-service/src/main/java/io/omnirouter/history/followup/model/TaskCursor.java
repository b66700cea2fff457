package io.omnirouter.history.followup.model;

import io.omnirouter.history.contact.model.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in a list of tasks: just after the task shown last, in the list's {@link TaskOrder} (by creation time
 * newest first, or by due time soonest first; then task id). Keyset, not offset, as the timeline's
 * (contact/model/TimelineCursor): a page does not shift when tasks open before it. Clients see an opaque token, the
 * URL-safe Base64 of {@code t1|<order>|<ISO instant>|<UUID>}; {@link #decode} takes exactly what {@link #encode} makes
 * and refuses anything else with {@link InvalidCursorException}, so a cursor of one order is never read in another.
 *
 * @param at the creation time ({@link TaskOrder#NEWEST}) or the due time ({@link TaskOrder#DUE}) of the task shown last
 */
public record TaskCursor(TaskOrder order, Instant at, UUID taskId) {

    // Not the timeline's "v1", the audit's "a1" nor the search's "s1": one kind of cursor is never taken for another.
    private static final String VERSION = "t1";
    private static final String SEPARATOR = "|";

    public TaskCursor {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(taskId, "taskId");
    }

    /** The position just after {@code task} in {@code order}. */
    public static TaskCursor after(FollowUpTask task, TaskOrder order) {
        return new TaskCursor(order, order == TaskOrder.DUE ? task.dueAt() : task.createdAt(), task.taskId());
    }

    public String encode() {
        String plain = String.join(SEPARATOR, VERSION, order.name(), at.toString(), taskId.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidCursorException if {@code token} was not made by {@link #encode()} */
    public static TaskCursor decode(String token) {
        Objects.requireNonNull(token, "token");
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\" + SEPARATOR, -1);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new InvalidCursorException();
            }
            TaskOrder order = TaskOrder.valueOf(parts[1]);
            UUID taskId = UUID.fromString(parts[3]);
            // UUID.fromString also takes "1-2-3-4-5": only the canonical form encode writes.
            if (!taskId.toString().equals(parts[3])) {
                throw new InvalidCursorException();
            }
            return new TaskCursor(order, Instant.parse(parts[2]), taskId);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new InvalidCursorException();
        }
    }
}
