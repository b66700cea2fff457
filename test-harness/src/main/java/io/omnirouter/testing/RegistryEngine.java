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
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's assembled Apicurio registry ({@code registry/target/*-runner.jar}) as a child JVM.
 *
 * <p>A test JVM killed with SIGKILL cannot run its shutdown hook and leaves the child running, so each
 * child gets a pid file naming its owner; the next start stops children whose owner is gone.
 */
final class RegistryEngine implements AutoCloseable {

    /** System property: path of the registry runner jar, when walking up from the working directory is not wanted. */
    private static final String JAR_PROPERTY = "omnirouter.registry.jar";

    private static final Logger log = LoggerFactory.getLogger(RegistryEngine.class);
    private static final Path PID_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "omnirouter-test-registry");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final String BUILD_HINT = "build it first: ./mvnw -pl registry package";

    private final Process process;
    private final int port;
    private final Path pidFile;

    private RegistryEngine(Process process, int port, Path pidFile) {
        this.process = process;
        this.port = port;
        this.pidFile = pidFile;
    }

    static RegistryEngine start(Path jar) {
        stopOrphans();
        int port = freePort();
        Path logFile = Path.of("target", "test-registry-" + port + ".log").toAbsolutePath();
        Process process;
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    // C1 only: ready in ~2.6 s instead of ~4 s; a test registry needs no peak throughput.
                    "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.host=localhost",
                    "-Dquarkus.http.port=" + port,
                    "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Starting the schema registry " + jar + " failed", e);
        }
        RegistryEngine registry = new RegistryEngine(process, port, writePidFile(process));
        try {
            registry.awaitReady(logFile);
            return registry;
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    String confluentApiUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private void awaitReady(Path logFile) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            Awaitility.await("schema registry ready at " + baseUrl())
                    .atMost(STARTUP_TIMEOUT)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Schema registry exited with status " + process.exitValue()
                                    + " while starting; see " + logFile);
                        }
                        try {
                            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException notListeningYet) {
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Schema registry not ready after " + STARTUP_TIMEOUT.toSeconds()
                    + " s; see " + logFile, e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(pidFile);
    }

    static Path locateJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path jar = Path.of(configured);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(JAR_PROPERTY + "=" + jar + " does not exist; " + BUILD_HINT);
            }
            return jar;
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            Optional<Path> jar = newestRunnerJar(dir.resolve("registry").resolve("target"));
            if (jar.isPresent()) {
                return jar.get();
            }
        }
        throw new IllegalStateException("Schema registry not found: no registry/target/*-runner.jar in "
                + workingDirectory + " or above; " + BUILD_HINT + " (or set -D" + JAR_PROPERTY + "=<runner jar>)");
    }

    private static Optional<Path> newestRunnerJar(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-runner.jar"))
                    .max(Comparator.comparing(RegistryEngine::lastModified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the schema registry", e);
        }
    }

    /** {@code <registry pid>.pid} containing the pid of the test JVM that owns it. */
    private static Path writePidFile(Process process) {
        Path file = PID_DIRECTORY.resolve(process.pid() + ".pid");
        try {
            Files.createDirectories(PID_DIRECTORY);
            Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
            return file;
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException("Writing " + file + " failed", e);
        }
    }

    /** Stops registries left behind by test JVMs that died without running their shutdown hooks. */
    private static void stopOrphans() {
        if (!Files.isDirectory(PID_DIRECTORY)) {
            return;
        }
        try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(PID_DIRECTORY, "*.pid")) {
            for (Path pidFile : pidFiles) {
                Optional<Long> owner = readPid(pidFile);
                if (owner.isPresent() && ProcessHandle.of(owner.get()).isPresent()) {
                    continue; // a live test JVM (maybe running in parallel) still uses it
                }
                String name = pidFile.getFileName().toString();
                parsePid(name.substring(0, name.length() - ".pid".length()))
                        .flatMap(ProcessHandle::of)
                        .filter(RegistryEngine::isRegistry)
                        .ifPresent(orphan -> {
                            log.info("Stopping schema registry pid {} left behind by test JVM pid {}",
                                    orphan.pid(), owner.orElse(-1L));
                            orphan.destroyForcibly();
                        });
                deleteQuietly(pidFile);
            }
        } catch (IOException e) {
            log.warn("Could not look for orphaned schema registries in {}", PID_DIRECTORY, e);
        }
    }

    /** Guards against pid reuse: only a process that still looks like our registry is stopped. */
    private static boolean isRegistry(ProcessHandle process) {
        return process.info().commandLine()
                .map(line -> line.contains("-runner.jar") && line.contains("-Dquarkus.http.port="))
                .orElse(false);
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
