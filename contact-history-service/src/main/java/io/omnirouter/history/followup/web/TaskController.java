package io.omnirouter.history.followup.web;

import io.omnirouter.history.followup.application.FollowUpStore.TaskQuery;
import io.omnirouter.history.followup.application.KeepingPromises;
import io.omnirouter.history.followup.model.TaskStatus;
import io.omnirouter.history.followup.model.TaskType;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Follow-up tasks (SPEC §6, §7): list with filters, complete, assign. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final KeepingPromises keeping;
    private final Clock clock;

    TaskController(KeepingPromises keeping, Clock clock) {
        this.keeping = keeping;
        this.clock = clock;
    }

    /** Tasks newest first (creation time), filtered; at most {@code limit} (default and maximum: the configured page size). */
    @GetMapping
    TaskResponse.Page tasks(@Parameter(schema = @Schema(type = "string", format = "uuid")) @RequestParam(required = false) String customerId,
                            @Parameter(schema = @Schema(implementation = TaskStatus.class)) @RequestParam(required = false) String status,
                            @Parameter(schema = @Schema(implementation = TaskType.class)) @RequestParam(required = false) String type,
                            @RequestParam(required = false) String queue, @RequestParam(required = false) String assignee,
                            @Parameter(schema = @Schema(type = "integer", minimum = "1")) @RequestParam(required = false) String limit) {
        TaskQuery query = new TaskQuery(RequestParameters.optionalUuid("customerId", customerId),
                name(RequestParameters.oneOf("status", status, TaskStatus.class)),
                name(RequestParameters.oneOf("type", type, TaskType.class)),
                RequestParameters.text("queue", queue), RequestParameters.text("assignee", assignee));
        Instant now = clock.instant();
        return new TaskResponse.Page(keeping.search(query, RequestParameters.limit(limit)).stream().map(t -> TaskResponse.of(t, now)).toList());
    }

    @GetMapping("/{taskId}")
    TaskResponse task(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String taskId) {
        return TaskResponse.of(keeping.find(RequestParameters.uuid("taskId", taskId)), clock.instant());
    }

    /** The authenticated agent completes the task: 404 unknown, 409 not open. */
    @PostMapping("/{taskId}/complete")
    TaskResponse complete(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String taskId, Principal agent) {
        return TaskResponse.of(keeping.complete(RequestParameters.uuid("taskId", taskId), agent.getName()), clock.instant());
    }

    record Assignment(String agent) {
    }

    /** Assigns the task to an agent: 400 without one, 404 unknown, 409 not open. */
    @PostMapping("/{taskId}/assign")
    TaskResponse assign(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String taskId,
                        @RequestBody Assignment assignment) {
        return TaskResponse.of(keeping.assign(RequestParameters.uuid("taskId", taskId),
                RequestParameters.requiredText("agent", assignment == null ? null : assignment.agent())), clock.instant());
    }

    private static String name(Enum<?> constant) {
        return constant == null ? null : constant.name();
    }
}
