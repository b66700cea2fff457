package io.omnirouter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.omnirouter.serde.SchemaRegistryException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/** Turns any failure into the one line the user sees after {@code error: }. */
final class ErrorMessages {

    private ErrorMessages() {
    }

    static String describe(Throwable failure, String bootstrapServers) {
        Throwable e = unwrap(failure);
        if (e instanceof CliException) {
            return e.getMessage();
        }
        if (e instanceof SchemaRegistryException) {
            // The serde's messages already name the registry URL and the request.
            return e.getMessage();
        }
        if (e instanceof TimeoutException) {
            return "Kafka at " + bootstrapServers + " did not answer in time: " + firstMessage(e);
        }
        if (e instanceof KafkaException) {
            return "Kafka client error (" + bootstrapServers + "): " + firstMessage(e);
        }
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof IOException) {
            return "I/O error: " + firstMessage(e);
        }
        return e.getClass().getSimpleName() + ": " + firstMessage(e);
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException || t instanceof UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The first non-blank message along the cause chain, or the class name. */
    static String firstMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return oneLine(t.getMessage());
            }
        }
        return e.getClass().getSimpleName();
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
