package io.omnirouter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code <data dir>/run/<part>.pid} for every child. A launcher killed hard (SIGKILL, a crashed terminal)
 * cannot stop its children; the next launcher finds them here and stops them before it starts anew.
 */
final class PidFiles {

    private final Path dir;
    private final Jvm jvm;

    PidFiles(Path dir, Jvm jvm) {
        this.dir = dir;
        this.jvm = jvm;
    }

    void write(ChildProcess child) {
        try {
            Files.createDirectories(dir);
            Files.writeString(file(child.name()), Long.toString(child.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops leftovers of the named parts, in the given order, and forgets their pid files. */
    void stopLeftovers(List<String> names, Duration grace, Consumer<String> report) {
        for (String name : names) {
            Path file = file(name);
            if (!Files.exists(file)) {
                continue;
            }
            readPid(file).flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(jvm::startedHere)
                    .ifPresent(leftover -> {
                        report.accept("Stopping " + name + " (pid " + leftover.pid() + ") left running by an earlier launcher");
                        ChildProcess.terminate(name, leftover, grace);
                    });
            delete(name);
        }
    }

    private Path file(String name) {
        return dir.resolve(name + ".pid");
    }

    static Optional<Long> readPid(Path file) {
        try {
            String firstLine = Files.readAllLines(file).stream().findFirst().orElse("").strip();
            return Optional.of(Long.parseLong(firstLine));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
