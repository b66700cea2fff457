package io.omnirouter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code java -jar} child process of a test JVM: the registry, or one of our services in system tests.
 *
 * <p>A test JVM killed with SIGKILL cannot run its shutdown hooks and leaves its children running, so each
 * child gets a pid file naming its owner; the next start of the same kind stops children whose owner is gone.
 */
final class ChildJvm implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);
    private static final Path PID_ROOT = Path.of(System.getProperty("java.io.tmpdir"), "omnirouter-test-children");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;

    private ChildJvm(String name, Process process, Path logFile, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar> <args>} with output to {@code logFile}.
     *
     * @param kind names the pid-file folder: orphans of the same kind are stopped first
     */
    static ChildJvm start(String kind, String name, Path jar, List<String> jvmOptions, List<String> args, Path logFile) {
        Path pidDirectory = PID_ROOT.resolve(kind);
        stopOrphans(pidDirectory, jar.getFileName().toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
            return new ChildJvm(name, process, logFile, writePidFile(pidDirectory, process));
        } catch (IOException e) {
            throw new UncheckedIOException("Starting " + name + " (" + jar + ") failed", e);
        }
    }

    /** Waits until {@code url} answers {@code ready}; fails naming the log if the process dies or time runs out. */
    void awaitHttp(URI url, Predicate<HttpResponse<String>> ready, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build();
        try {
            Awaitility.await(name + " ready at " + url)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited with status " + process.exitValue()
                                    + " while starting; see " + logFile);
                        }
                        try {
                            return ready.test(http.send(request, HttpResponse.BodyHandlers.ofString()));
                        } catch (IOException notListeningYet) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; see " + logFile, e);
        }
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(pidFile);
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 15 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(pidFile);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /**
     * The newest file in {@code <dir>/<module>/target} whose name matches, searching {@code dir} from the
     * working directory upwards (tests run in a module folder, the jars are in sibling modules).
     */
    static Optional<Path> findBuiltJar(String module, Predicate<String> fileName) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path target = dir.resolve(module).resolve("target");
            if (!Files.isDirectory(target)) {
                continue;
            }
            try (Stream<Path> files = Files.list(target)) {
                Optional<Path> jar = files.filter(file -> fileName.test(file.getFileName().toString()))
                        .max(Comparator.comparing(ChildJvm::lastModified));
                if (jar.isPresent()) {
                    return jar;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <child pid>.pid} containing the pid of the test JVM that owns it. */
    private static Path writePidFile(Path pidDirectory, Process process) {
        Path file = pidDirectory.resolve(process.pid() + ".pid");
        try {
            Files.createDirectories(pidDirectory);
            Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
            return file;
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("Writing " + file + " failed", e);
        }
    }

    /** Stops children left behind by test JVMs that died without running their shutdown hooks. */
    private static void stopOrphans(Path pidDirectory, String jarName) {
        if (!Files.isDirectory(pidDirectory)) {
            return;
        }
        try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(pidDirectory, "*.pid")) {
            for (Path pidFile : pidFiles) {
                Optional<Long> owner = readPid(pidFile);
                if (owner.isPresent() && ProcessHandle.of(owner.get()).isPresent()) {
                    continue; // a live test JVM (maybe running in parallel) still uses it
                }
                String file = pidFile.getFileName().toString();
                parsePid(file.substring(0, file.length() - ".pid".length()))
                        .flatMap(ProcessHandle::of)
                        // Guards against pid reuse: only a process still running our jar is stopped.
                        .filter(process -> process.info().commandLine().map(line -> line.contains(jarName)).orElse(false))
                        .ifPresent(orphan -> {
                            log.info("Stopping {} pid {} left behind by test JVM pid {}", jarName, orphan.pid(), owner.orElse(-1L));
                            orphan.destroyForcibly();
                        });
                deleteQuietly(pidFile);
            }
        } catch (IOException e) {
            log.warn("Could not look for orphaned child processes in {}", pidDirectory, e);
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return parsePid(Files.readString(file).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parsePid(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }
}
