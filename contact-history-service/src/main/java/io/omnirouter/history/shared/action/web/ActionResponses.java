package io.omnirouter.history.shared.action.web;

import io.omnirouter.history.shared.action.application.ActionPendingException;
import io.omnirouter.history.shared.action.application.ActionRefusedException;
import io.omnirouter.history.shared.action.application.RefusedActionException;
import io.omnirouter.history.shared.action.model.ActionOutcome;
import io.omnirouter.history.shared.action.model.ActionOutcome.Refusal;
import io.omnirouter.history.shared.web.ErrorProblems;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How every endpoint that takes an action answers when it was not applied as asked: 202 with where to poll when it
 * took longer than the wait, the refusal's problem when it was refused. Ahead of the service-wide advice.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ActionResponses {

    @ExceptionHandler
    ResponseEntity<ActionController.ActionResponse> pending(ActionPendingException e) {
        return ResponseEntity.accepted().location(URI.create("/api/actions/" + e.actionId()))
                .body(new ActionController.ActionResponse(e.actionId(), ActionOutcome.Status.PENDING, null));
    }

    /** Refused before it was published (the task is unknown or done already, …), with the same problem. */
    @ExceptionHandler
    ProblemDetail refusedAtOnce(ActionRefusedException e) {
        Refusal refusal = e.refusal();
        return ErrorProblems.problem(HttpStatus.valueOf(refusal.httpStatus()), refusal.title(), refusal.detail());
    }

    @ExceptionHandler
    ProblemDetail refused(RefusedActionException e) {
        return ErrorProblems.problem(HttpStatus.valueOf(e.refusal().httpStatus()), e.refusal().title(), e.refusal().detail());
    }

    @ExceptionHandler
    ProblemDetail notFound(ActionNotFoundException e) {
        return ErrorProblems.problem(HttpStatus.NOT_FOUND, "Action not found", e.getMessage());
    }
}
