package io.omnirouter.history.shared.web;

import io.omnirouter.history.conversation.application.ThreadNotFoundException;
import io.omnirouter.history.customer.application.CustomerNotFoundException;
import io.omnirouter.history.customer.application.MergeAlreadyUndoneException;
import io.omnirouter.history.customer.application.MergeNotFoundException;
import io.omnirouter.history.live.application.TooManyStreamsException;
import io.omnirouter.history.rebuild.application.RebuildAlreadyRunningException;
import io.omnirouter.history.shared.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem detail: Spring MVC's own (malformed UUIDs and numbers, unknown
 * paths, …) through the base class, the service's exceptions here.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail customerNotFound(CustomerNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Customer not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail mergeNotFound(MergeNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Merge not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail mergeAlreadyUndone(MergeAlreadyUndoneException e) {
        return problem(HttpStatus.CONFLICT, "Merge already undone", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail rebuildAlreadyRunning(RebuildAlreadyRunningException e) {
        return problem(HttpStatus.CONFLICT, "Rebuild already running", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail threadNotFound(ThreadNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Thread not found", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreamsException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Too many live streams", e.getMessage()));
    }

    /** Anything unforeseen: a problem detail too, without internals (they are in the log). */
    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        log.error("Request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "the request could not be completed; the cause is logged");
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
