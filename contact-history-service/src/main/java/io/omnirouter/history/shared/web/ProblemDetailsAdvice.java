package io.omnirouter.history.shared.web;

import static io.omnirouter.history.shared.web.ErrorProblems.problem;

import io.omnirouter.history.conversation.application.ThreadNotFoundException;
import io.omnirouter.history.live.application.TooManyStreamsException;
import io.omnirouter.history.rebuild.application.RebuildAlreadyRunningException;
import io.omnirouter.history.shared.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem detail: Spring MVC's own (malformed UUIDs and numbers, unknown
 * paths, …) through the base class, the service's exceptions here. An unknown customer, merge or task is what an
 * action is refused with too ({@code ActionRefusedException}): shared/action/web/ActionResponses answers those.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidRequestException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        if (e.parameter() != null) {
            // Machine-readable: which field of the form to mark.
            problem.setProperty("parameter", e.parameter());
        }
        return problem;
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

    /**
     * Spring MVC's own refusals keep their status and title, with a detail of ours: its defaults quote what the
     * client sent (the value that did not convert, the Content-Type, the path), which may be personal data or markup.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers, HttpStatusCode status,
                                                             WebRequest request) {
        if (e instanceof HttpMessageNotReadableException && causedBy(e, RequestBodyLimit.BodyTooLargeException.class)) {
            HttpHeaders close = new HttpHeaders();
            close.set(HttpHeaders.CONNECTION, "close");
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).headers(close).body(problem(HttpStatus.CONTENT_TOO_LARGE,
                    "Content Too Large", ErrorProblems.detail(HttpStatus.CONTENT_TOO_LARGE)));
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setDetail(safeDetail(e, problem.getDetail()));
            problem.setInstance(ErrorProblems.occurrence());
        }
        return response;
    }

    private static String safeDetail(Exception e, String springDetail) {
        if (e instanceof TypeMismatchException mismatch) {
            return (mismatch.getPropertyName() == null ? "a parameter" : mismatch.getPropertyName()) + " is not of the expected type";
        }
        if (e instanceof HttpMediaTypeNotSupportedException unsupported) {
            return unsupported.getSupportedMediaTypes().isEmpty() ? "this request takes no body"
                    : "the request body must be " + unsupported.getSupportedMediaTypes().get(0);
        }
        if (e instanceof HttpMessageNotReadableException) {
            return "the request body is missing or not JSON of the expected shape";
        }
        if (e instanceof NoResourceFoundException) {
            return "there is no such resource";
        }
        if (e instanceof HttpRequestMethodNotSupportedException) {
            return "the method is not supported here";
        }
        // The rest name only what the API declares (a missing parameter's name, the acceptable media types).
        return springDetail;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Anything unforeseen: a problem detail too, without internals (they are in the log). */
    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the request could not be completed; the cause is logged");
        log.error("Request failed (problem {})", problem.getInstance(), e);
        return problem;
    }
}
