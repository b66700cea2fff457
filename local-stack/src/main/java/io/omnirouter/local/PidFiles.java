package io.omnirouter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code <data dir>/run/<part>.pid} for every child. A launcher killed hard (SIGKILL, a crashed terminal)
 * cannot stop its children; the next launcher finds them here and stops them before it starts anew.
 */
final class PidFiles {

    private static final String PID = ".pid";
    private static final String LAUNCHER = "launcher";

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

    /**
     * Stops the leftovers of every part that has a pid file, services first, then the registry, then the brokers
     * (whatever the shape of the launcher that left them), and forgets their pid files.
     */
    void stopLeftovers(Duration grace, Consumer<String> report) {
        for (String name : leftovers()) {
            Path file = file(name);
            readPid(file).flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(jvm::startedHere)
                    .ifPresent(leftover -> {
                        report.accept("Stopping " + name + " (pid " + leftover.pid() + ") left running by an earlier launcher");
                        ChildProcess.signal("CONT", leftover.pid()); // a paused part would not see SIGTERM
                        ChildProcess.terminate(name, leftover, grace);
                    });
            delete(name);
        }
    }

    /**
     * Stops a launcher that still runs in this data directory although its parent is gone (a benchmark killed
     * hard leaves its launcher child behind); never this process itself. The launcher stops its own children.
     */
    void stopLauncher(Duration grace, Consumer<String> report) {
        readPid(file(LAUNCHER)).filter(pid -> pid != ProcessHandle.current().pid())
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().map(command -> command.contains("local-stack")).orElse(false))
                .ifPresent(launcher -> {
                    report.accept("Stopping a launcher (pid " + launcher.pid() + ") left running in " + dir.getParent());
                    ChildProcess.terminate(LAUNCHER, launcher, grace);
                });
    }

    private List<String> leftovers() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(PID) && !name.equals(LAUNCHER + PID))
                    .map(name -> name.substring(0, name.length() - PID.length()))
                    .sorted(Comparator.comparingInt(PidFiles::stopRank).thenComparing(Comparator.naturalOrder()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Clients of the infrastructure before the infrastructure: services, registry, brokers. */
    private static int stopRank(String name) {
        if (name.startsWith(LocalStack.REGISTRY)) {
            return 1;
        }
        return name.startsWith(KafkaBroker.NAME) ? 2 : 0;
    }

    private Path file(String name) {
        return dir.resolve(name + PID);
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
