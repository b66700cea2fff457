package io.omnirouter.bench;

/** A benchmark that cannot go on; the message is for the user. */
final class BenchException extends RuntimeException {

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
