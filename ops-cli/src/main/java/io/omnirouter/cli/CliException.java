package io.omnirouter.cli;

/**
 * An expected failure the user can act on: printed as one line ({@code error: <message>}) on stderr, never
 * with a stack trace, and the command exits non-zero.
 */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(String message) {
        this(message, ExitCodes.FAILURE, null);
    }

    public CliException(String message, Throwable cause) {
        this(message, ExitCodes.FAILURE, cause);
    }

    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
