package io.omnirouter.history.followup.web;

import io.omnirouter.history.followup.application.FollowUpPausedException;
import io.omnirouter.history.shared.web.ErrorProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The follow-up API's own errors as RFC 9457 problem details, ahead of the service-wide advice and its catch-all; an
 * unknown or done task is an action's refusal (shared/action/web).
 */
@RestControllerAdvice(assignableTypes = {TaskController.class, AbsenceController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class FollowUpProblems {

    @ExceptionHandler
    ProblemDetail followUpPaused(FollowUpPausedException e) {
        return ErrorProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "Follow-up paused", e.getMessage());
    }
}
