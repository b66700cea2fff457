package io.omnirouter.history.followup.web;

import io.omnirouter.history.followup.application.FollowUpPausedException;
import io.omnirouter.history.followup.application.TaskNotFoundException;
import io.omnirouter.history.followup.application.TaskNotOpenException;
import io.omnirouter.history.shared.web.ErrorProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The follow-up API's errors as RFC 9457 problem details; ahead of the service-wide advice and its catch-all. */
@RestControllerAdvice(assignableTypes = {TaskController.class, AbsenceController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class FollowUpProblems {

    /** The caller lacks the role an action needs. */
    @ExceptionHandler
    ProblemDetail taskNotFound(TaskNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Task not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail taskNotOpen(TaskNotOpenException e) {
        return problem(HttpStatus.CONFLICT, "Task not open", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail followUpPaused(FollowUpPausedException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Follow-up paused", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(ErrorProblems.occurrence());
        return problem;
    }
}
