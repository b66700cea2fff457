package io.omnirouter.history.shared.web;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * What the service says about a refusal that happened before any controller (Tomcat's own checks, the firewall,
 * a filter): the status and a fixed sentence, never anything of the request, which is what was hostile.
 */
public final class ErrorProblems {

    private ErrorProblems() {
    }

    /**
     * The {@code instance} of a problem: this occurrence, not the request's path (Spring's default), which may hold
     * the hostile value or personal data (a thread key is an e-mail message id). Errors that are logged name it.
     */
    public static URI occurrence() {
        return URI.create("urn:uuid:" + UUID.randomUUID());
    }

    /** A problem with its status, title and detail, and this occurrence as its {@code instance}. */
    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(occurrence());
        return problem;
    }

    static HttpStatus statusOf(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "the request is malformed: its path, parameters or headers cannot be read";
            case NOT_FOUND -> "there is no such resource";
            case CONTENT_TOO_LARGE -> "the request body is larger than the service accepts";
            case URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE -> "the request's path or headers are longer than the service accepts";
            case METHOD_NOT_ALLOWED -> "the method is not supported here";
            default -> status.is5xxServerError() ? "the request could not be completed; the cause is logged"
                    : "the request was refused";
        };
    }

    /** The problem as JSON text, for writers that have no JSON mapper at hand (a Tomcat valve). */
    static String json(HttpStatus status) {
        // Title and detail are fixed ASCII sentences without quotes or backslashes: nothing to escape.
        return "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail(status) + "\",\"instance\":\"" + occurrence() + "\"}";
    }
}
