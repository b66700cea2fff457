package io.omnirouter.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A part of the stack running as a child process, its output appended to its own log file. */
public final class ChildProcess {

    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final int TAIL_BYTES = 16 * 1024;

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} with {@code environment} added to the launcher's. */
    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workingDir, Path logFile) {
        try {
            Files.createDirectories(workingDir);
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, System.lineSeparator() + "=== " + Instant.now() + " omnirouter up: starting " + name + " ==="
                    + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            log.info("Started {} as pid {}: {}", name, process.pid(), String.join(" ", command));
            return new ChildProcess(name, process, logFile);
        } catch (IOException e) {
            throw new StackException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** The end of the log, for messages about a part that failed. */
    String lastLines(int lines) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                    .map(line -> "    " + line)
                    .collect(Collectors.joining(System.lineSeparator()));
        } catch (IOException e) {
            return "    (" + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** Runs {@code action} with the exit value once the process has ended, however it ended. */
    void onExit(IntConsumer action) {
        process.onExit().thenAccept(ended -> action.accept(ended.exitValue()));
    }

    /** {@code kill -9}: the process dies at once, without running its shutdown hooks; waits until it is gone. */
    void kill() {
        List<ProcessHandle> descendants = process.toHandle().descendants().toList();
        process.destroyForcibly();
        awaitQuietly(process.toHandle());
        descendants.forEach(descendant -> {
            descendant.destroyForcibly();
            awaitQuietly(descendant);
        });
    }

    /** Sends {@code signal} (a name {@code kill} knows: STOP, CONT, QUIT...) to the process. */
    void signal(String signal) {
        signal(signal, process.pid());
    }

    /**
     * {@code kill -<signal> <pid>}. Java's process API sends only SIGTERM and SIGKILL, so the signals a fault
     * harness and a benchmark need besides (SIGSTOP, SIGCONT, SIGQUIT) go through the {@code kill} command.
     */
    public static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (kill.waitFor() != 0) {
                throw new StackException("kill -" + signal + " " + pid + " failed: " + out);
            }
        } catch (IOException e) {
            throw new StackException("kill -" + signal + " " + pid + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while sending " + signal + " to " + pid, e);
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; descendants too. */
    void stop(Duration grace) {
        terminate(name, process.toHandle(), grace);
    }

    static void terminate(String name, ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("{} (pid {}) did not stop within {} s; killing it", name, process.pid(), grace.toSeconds());
            process.destroyForcibly();
            awaitQuietly(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException e) {
            throw new IllegalStateException("onExit never fails", e);
        }
        for (ProcessHandle descendant : descendants) {
            if (descendant.isAlive()) {
                descendant.destroyForcibly();
                awaitQuietly(descendant);
            }
        }
        log.info("{} (pid {}) stopped", name, process.pid());
    }

    private static void awaitQuietly(ProcessHandle process) {
        try {
            process.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("pid {} still alive after SIGKILL", process.pid());
        }
    }
}
