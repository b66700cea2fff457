package io.omnirouter.history.followup.web;

import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.followup.application.FollowUpStore.TaskQuery;
import io.omnirouter.history.followup.application.KeepingPromises;
import io.omnirouter.history.followup.application.TaskInQueueException;
import io.omnirouter.history.followup.model.FollowUpTask;
import io.omnirouter.history.followup.model.OpenTaskCount;
import io.omnirouter.history.followup.model.TaskCursor;
import io.omnirouter.history.followup.model.TaskOrder;
import io.omnirouter.history.followup.model.TaskPage;
import io.omnirouter.history.followup.model.TaskStatus;
import io.omnirouter.history.followup.model.TaskType;
import io.omnirouter.history.shared.action.application.TakingActions;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.web.Actors;
import io.omnirouter.history.shared.asof.PastReads;
import io.omnirouter.history.shared.web.RequestParameters;
import io.omnirouter.history.shared.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Follow-up tasks (contact-history-service/docs/follow-up-policy.md; roles: contact-history-service/docs/security-and-console.md): list with filters and cursors (an agent's own work: assignee=me), claim, assign, give back to the queue, complete. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final KeepingPromises keeping;
    private final TakingActions actions;
    private final Clock clock;
    private final PastReads pastReads;

    TaskController(KeepingPromises keeping, TakingActions actions, Clock clock, PastReads pastReads) {
        this.keeping = keeping;
        this.pastReads = pastReads;
        this.actions = actions;
        this.clock = clock;
    }

    /**
     * Tasks filtered, in pages of at most {@code limit} (default and maximum: the configured page size), newest first
     * (creation time) or soonest due first ({@code order=DUE}: overdue first, then by time left), each page's
     * {@code nextCursor} leading to the next. {@code assignee=me} is the signed-in user's own work (tasks assigned or
     * suggested to them), {@code assignee=none} the tasks nobody has.
     */
    @GetMapping
    @ReadsCustomerData
    @Operation(summary = "Follow-up tasks, filtered and cursor-paginated; an agent's own work with assignee=me&status=OPEN&order=DUE")
    @ApiResponse(responseCode = "200", description = "a page of tasks; nextCursor is null on the last")
    @ApiResponse(responseCode = "400", description = "a malformed filter, limit, order, asOf or cursor, or a cursor of another order (problem details)")
    TaskResponse.Page tasks(@Parameter(schema = @Schema(type = "string", format = "uuid")) @RequestParam(required = false) String customerId,
                            @Parameter(schema = @Schema(implementation = TaskStatus.class)) @RequestParam(required = false) String status,
                            @Parameter(schema = @Schema(implementation = TaskType.class)) @RequestParam(required = false) String type,
                            @RequestParam(required = false) String queue,
                            @Parameter(description = "an agent's id; me: the signed-in user; none: tasks nobody has")
                            @RequestParam(required = false) String assignee,
                            @Parameter(schema = @Schema(implementation = TaskOrder.class, defaultValue = "NEWEST"))
                            @RequestParam(required = false) String order,
                            @Parameter(schema = @Schema(type = "integer", minimum = "1")) @RequestParam(required = false) String limit,
                            @Parameter(description = "the nextCursor of the previous page") @RequestParam(required = false) String cursor,
                            @Parameter(description = "answer as the API would have at this past instant (ISO-8601; docs/as-of.md)")
                            @RequestParam(required = false) String asOf,
                            Authentication user) {
        TaskOrder answeredIn = Objects.requireNonNullElse(RequestParameters.oneOf("order", order, TaskOrder.class), TaskOrder.NEWEST);
        TaskCursor after = RequestParameters.cursor(cursor, TaskCursor::decode, TaskCursor::at);
        if (after != null && after.order() != answeredIn) {
            throw InvalidRequestException.of("cursor", "cursor: it continues a list in the order " + after.order()
                    + ", not " + answeredIn);
        }
        TaskQuery query = new TaskQuery(RequestParameters.optionalUuid("customerId", customerId),
                name(RequestParameters.oneOf("status", status, TaskStatus.class)),
                name(RequestParameters.oneOf("type", type, TaskType.class)),
                RequestParameters.text("queue", queue), assignee(RequestParameters.text("assignee", assignee), user),
                answeredIn, after);
        Integer pageSize = RequestParameters.limit(limit);
        Instant past = RequestParameters.asOf(asOf);
        // Time left is counted from the instant answered for.
        Instant now = past == null ? clock.instant() : past;
        TaskPage page = pastReads.nowOrAsOf(past, () -> keeping.search(query, pageSize));
        return new TaskResponse.Page(page.tasks().stream().map(t -> TaskResponse.of(t, now)).toList(),
                page.next() == null ? null : page.next().encode());
    }

    /** {@code me} and {@code none} as the filter means them; any other value is an agent's id. */
    private static String assignee(String filter, Authentication user) {
        if (filter == null) {
            return null;
        }
        return switch (filter.toLowerCase(Locale.ROOT)) {
            case "me" -> user.getName();
            case "none" -> TaskQuery.NOBODY;
            default -> filter;
        };
    }

    /** Open tasks by type and queue, and the totals: every open task counted in the database, not a page of them. */
    record Counts(long open, long overdue, List<OpenTaskCount> byTypeAndQueue) {
    }

    /** How many tasks are open (and overdue) in each queue, for the supervisors' queues view. */
    @GetMapping("/counts")
    Counts counts() {
        List<OpenTaskCount> counts = keeping.openTaskCounts();
        return new Counts(counts.stream().mapToLong(OpenTaskCount::open).sum(), counts.stream().mapToLong(OpenTaskCount::overdue).sum(),
                counts);
    }

    @GetMapping("/{taskId}")
    @ReadsCustomerData
    TaskResponse task(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String taskId) {
        return TaskResponse.of(keeping.find(RequestParameters.uuid("taskId", taskId)), clock.instant());
    }

    /** @param reason optional: why, in the agent's words (kept with the action on agent.actions) */
    record Completion(String reason) {
    }

    /**
     * The authenticated agent completes the task (an action on agent.actions): the task as it is then; 404 unknown,
     * 409 not open, 202 with where to poll if applying it takes longer than the API waits.
     */
    @PostMapping("/{taskId}/complete")
    TaskResponse complete(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String taskId,
                          @RequestBody(required = false) Completion completion, Authentication agent) {
        return act(taskId, completion == null ? null : completion.reason(), agent, task -> new AgentAction.TaskCompleted(task.taskId()));
    }

    /** @param reason optional: why */
    record Assignment(String agent, String reason) {
    }

    /**
     * Assigns the task to an agent (an action on agent.actions): the task as it is then; 400 without one, 404 unknown,
     * 409 not open, 202 with where to poll if applying it takes longer than the API waits.
     */
    @PostMapping("/{taskId}/assign")
    TaskResponse assign(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String taskId,
                        @RequestBody Assignment assignment, Authentication user) {
        String assignee = RequestParameters.requiredText("agent", assignment == null ? null : assignment.agent());
        return act(taskId, assignment.reason(), user, task -> new AgentAction.TaskAssigned(task.taskId(), assignee));
    }

    /**
     * The signed-in agent takes the task (TaskAssigned to themselves, an action on agent.actions), from the queue or
     * from a colleague: the task as it is then.
     */
    @PostMapping("/{taskId}/claim")
    @Operation(summary = "Claim: the task is assigned to the signed-in user (AGENT, SUPERVISOR)")
    @ApiResponse(responseCode = "200", description = "the task, assigned to the signed-in user")
    @ApiResponse(responseCode = "202", description = "accepted, not yet applied: poll the Location (the action)")
    @ApiResponse(responseCode = "404", description = "no such task (problem details)")
    @ApiResponse(responseCode = "409", description = "the task is no longer open (problem details)")
    TaskResponse claim(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String taskId,
                       @RequestBody(required = false) Completion why, Authentication user) {
        return act(taskId, why == null ? null : why.reason(), user, task -> new AgentAction.TaskAssigned(task.taskId(), user.getName()));
    }

    /**
     * The task goes back to its queue, assigned to nobody (TaskReleased, an action on agent.actions): an agent giving
     * up a task they cannot do, or a supervisor taking it from an absent agent. The task as it is then.
     */
    @PostMapping("/{taskId}/release")
    @Operation(summary = "Back to the queue: the task is assigned to nobody (AGENT, SUPERVISOR)")
    @ApiResponse(responseCode = "200", description = "the task, in its queue for anyone to claim")
    @ApiResponse(responseCode = "202", description = "accepted, not yet applied: poll the Location (the action)")
    @ApiResponse(responseCode = "404", description = "no such task (problem details)")
    @ApiResponse(responseCode = "409", description = "the task is no longer open, or nobody has it (problem details)")
    TaskResponse release(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String taskId,
                         @RequestBody(required = false) Completion why, Authentication user) {
        return act(taskId, why == null ? null : why.reason(), user, task -> {
            if (task.assignee() == null) {
                throw new TaskInQueueException(task.taskId(), task.queue());
            }
            return new AgentAction.TaskReleased(task.taskId());
        });
    }

    /**
     * One agent's action on an open task: checked (400 bad id or reason, 404 unknown, 409 not open, and what
     * {@code decide} refuses), taken on agent.actions, and the task as it is once applied.
     */
    private TaskResponse act(String rawTaskId, String rawReason, Authentication user,
                             Function<FollowUpTask, AgentAction.Action> decide) {
        UUID id = RequestParameters.uuid("taskId", rawTaskId);
        String reason = RequestParameters.freeText("reason", rawReason);
        FollowUpTask task = keeping.openTask(id);
        actions.take(Actors.of(user), task.customerId(), reason, decide.apply(task));
        return TaskResponse.of(keeping.find(id), clock.instant());
    }

    private static String name(Enum<?> constant) {
        return constant == null ? null : constant.name();
    }
}
