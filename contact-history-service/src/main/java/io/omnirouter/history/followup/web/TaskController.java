package io.omnirouter.history.followup.web;

import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.followup.application.FollowUpStore.TaskQuery;
import io.omnirouter.history.followup.application.KeepingPromises;
import io.omnirouter.history.followup.model.OpenTaskCount;
import io.omnirouter.history.followup.model.TaskStatus;
import io.omnirouter.history.followup.model.TaskType;
import io.omnirouter.history.shared.action.application.TakingActions;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.web.Actors;
import io.omnirouter.history.shared.asof.PastReads;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Follow-up tasks (contact-history-service/docs/follow-up-policy.md; roles: contact-history-service/docs/security-and-console.md): list with filters, complete, assign. */
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

    /** Tasks newest first (creation time), filtered; at most {@code limit} (default and maximum: the configured page size). */
    @GetMapping
    @ReadsCustomerData
    TaskResponse.Page tasks(@Parameter(schema = @Schema(type = "string", format = "uuid")) @RequestParam(required = false) String customerId,
                            @Parameter(schema = @Schema(implementation = TaskStatus.class)) @RequestParam(required = false) String status,
                            @Parameter(schema = @Schema(implementation = TaskType.class)) @RequestParam(required = false) String type,
                            @RequestParam(required = false) String queue, @RequestParam(required = false) String assignee,
                            @Parameter(schema = @Schema(type = "integer", minimum = "1")) @RequestParam(required = false) String limit,
                            @Parameter(description = "answer as the API would have at this past instant (ISO-8601; docs/as-of.md)")
                            @RequestParam(required = false) String asOf) {
        TaskQuery query = new TaskQuery(RequestParameters.optionalUuid("customerId", customerId),
                name(RequestParameters.oneOf("status", status, TaskStatus.class)),
                name(RequestParameters.oneOf("type", type, TaskType.class)),
                RequestParameters.text("queue", queue), RequestParameters.text("assignee", assignee));
        Integer pageSize = RequestParameters.limit(limit);
        Instant past = RequestParameters.asOf(asOf);
        // Time left is counted from the instant answered for.
        Instant now = past == null ? clock.instant() : past;
        return new TaskResponse.Page(pastReads.nowOrAsOf(past, () -> keeping.search(query, pageSize)).stream()
                .map(t -> TaskResponse.of(t, now)).toList());
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
        UUID id = RequestParameters.uuid("taskId", taskId);
        String reason = RequestParameters.freeText("reason", completion == null ? null : completion.reason());
        actions.take(Actors.of(agent), keeping.openTask(id).customerId(), reason, new AgentAction.TaskCompleted(id));
        return TaskResponse.of(keeping.find(id), clock.instant());
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
        UUID id = RequestParameters.uuid("taskId", taskId);
        String assignee = RequestParameters.requiredText("agent", assignment == null ? null : assignment.agent());
        String reason = RequestParameters.freeText("reason", assignment == null ? null : assignment.reason());
        actions.take(Actors.of(user), keeping.openTask(id).customerId(), reason, new AgentAction.TaskAssigned(id, assignee));
        return TaskResponse.of(keeping.find(id), clock.instant());
    }

    private static String name(Enum<?> constant) {
        return constant == null ? null : constant.name();
    }
}
