package io.omnirouter.history.followup.web;

import io.omnirouter.history.followup.application.FollowUpStore.TaskQuery;
import io.omnirouter.history.followup.application.KeepingPromises;
import io.omnirouter.history.followup.model.TaskStatus;
import io.omnirouter.history.followup.model.TaskType;
import io.omnirouter.history.shared.InvalidRequestException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
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
    TaskResponse.Page tasks(@RequestParam(required = false) UUID customerId, @RequestParam(required = false) String status,
                            @RequestParam(required = false) String type, @RequestParam(required = false) String queue,
                            @RequestParam(required = false) String assignee, @RequestParam(required = false) Integer limit) {
        TaskQuery query = new TaskQuery(customerId, known(status, TaskStatus.class, "status"), known(type, TaskType.class, "type"),
                blankToNull(queue), blankToNull(assignee));
        Instant now = clock.instant();
        return new TaskResponse.Page(keeping.search(query, limit).stream().map(t -> TaskResponse.of(t, now)).toList());
    }

    @GetMapping("/{taskId}")
    TaskResponse task(@PathVariable UUID taskId) {
        return TaskResponse.of(keeping.find(taskId), clock.instant());
    }

    /** The authenticated agent completes the task: 404 unknown, 409 not open. */
    @PostMapping("/{taskId}/complete")
    TaskResponse complete(@PathVariable UUID taskId, Principal agent) {
        return TaskResponse.of(keeping.complete(taskId, agent.getName()), clock.instant());
    }

    record Assignment(String agent) {
    }

    /** Assigns the task to an agent: 400 without one, 404 unknown, 409 not open. */
    @PostMapping("/{taskId}/assign")
    TaskResponse assign(@PathVariable UUID taskId, @RequestBody Assignment assignment) {
        return TaskResponse.of(keeping.assign(taskId, assignment == null ? null : assignment.agent()), clock.instant());
    }

    private static <E extends Enum<E>> String known(String value, Class<E> type, String name) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (Arrays.stream(type.getEnumConstants()).noneMatch(c -> c.name().equals(upper))) {
            throw new InvalidRequestException(name + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
        return upper;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
