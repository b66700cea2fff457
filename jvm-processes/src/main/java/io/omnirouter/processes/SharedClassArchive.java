package io.omnirouter.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Spring Boot service with a class-data-sharing archive of its own classes (AppCDS, as Spring Boot's
 * "Class Data Sharing" chapter describes it): measured on this project's 2-core machines, the history service's
 * start-up takes 7 s of CPU with it instead of 15 s. That matters wherever several services start at once on one
 * machine: the local stack, the benchmark and the fault harness that restarts killed services under traffic. (The
 * system tests' ServiceProcess tried it and was slower: their services stop once each, and the first stops paid for
 * writing the archive.)
 * <p>
 * The JVM needs the jar extracted (classes inside a fat jar's nested jars cannot be archived), so the jar is
 * extracted once, with Spring Boot's own {@code -Djarmode=tools extract}, into {@code target/cds/<jar name>/},
 * again whenever the jar changes. The archive is recorded by the JDK itself: the first instance started without
 * one runs with {@code -XX:ArchiveClassesAtExit}, and the JVM writes every class it loaded when it stops
 * normally. A service killed with {@code kill -9} writes none, and the next start records one. A stale or
 * unreadable archive is no failure: the JVM then starts without it ({@code -Xshare:auto}, its default).
 * <p>
 * The JDK has no "record it if missing, use it otherwise" switch before JDK 19 ({@code -XX:+AutoCreateSharedArchive});
 * on our Java 17 this class is that switch.
 */
public final class SharedClassArchive {

    private static final Logger log = LoggerFactory.getLogger(SharedClassArchive.class);
    private static final long EXTRACT_TIMEOUT_SECONDS = 120;
    /** The exit codes of a JVM that stopped normally: by itself, or on SIGTERM. */
    private static final List<Integer> NORMAL_EXITS = List.of(0, 143);

    private final Path jar;
    private final Path dir;
    private final String java;
    private boolean recording;

    /**
     * @param jar  a Spring Boot jar
     * @param java the {@code java} that starts it (and extracts it)
     */
    public SharedClassArchive(Path jar, String java) {
        this.jar = jar.toAbsolutePath();
        this.dir = this.jar.getParent().resolve("cds").resolve(stripJar(this.jar.getFileName().toString()));
        this.java = java;
    }

    /** What to start the JVM with instead of {@code -jar <jar>}, and whether this start records the archive. */
    public record Launch(List<String> arguments, Path recordingTo) {

        public boolean records() {
            return recordingTo != null;
        }
    }

    /**
     * The arguments that start the jar: the extracted jar with its archive, or the extracted jar recording the
     * archive (one start at a time records), or, when the jar cannot be extracted, the jar itself.
     */
    public synchronized Launch launch(String instance) {
        Path extractedJar = extracted();
        if (extractedJar == null) {
            return new Launch(List.of("-jar", jar.toString()), null);
        }
        // The JDK's warnings about classes it leaves out of the archive (generated reflection accessors) are noise.
        String quiet = "-Xlog:cds*=off";
        if (Files.isRegularFile(archive())) {
            return new Launch(List.of(quiet, "-XX:SharedArchiveFile=" + archive(), "-jar", extractedJar.toString()), null);
        }
        if (recording) {
            return new Launch(List.of("-jar", extractedJar.toString()), null);
        }
        recording = true;
        Path recordingTo = dir.resolve("classes." + instance + "." + ProcessHandle.current().pid() + ".jsa.part");
        return new Launch(List.of(quiet, "-XX:ArchiveClassesAtExit=" + recordingTo, "-jar", extractedJar.toString()),
                recordingTo);
    }

    /** After a recording start ended: keeps the archive when the JVM stopped normally, else lets the next start record. */
    public synchronized void ended(Launch launch, int exitValue) {
        if (!launch.records()) {
            return;
        }
        recording = false;
        try {
            if (NORMAL_EXITS.contains(exitValue) && Files.isRegularFile(launch.recordingTo())) {
                moveAtomically(launch.recordingTo(), archive());
                log.info("Recorded the class-data-sharing archive {}", archive());
            }
            Files.deleteIfExists(launch.recordingTo());
        } catch (IOException e) {
            log.warn("Could not keep the class-data-sharing archive {}: {}", launch.recordingTo(), e.getMessage());
        }
    }

    private Path archive() {
        return dir.resolve("classes.jsa");
    }

    /** The extracted application jar, current with {@link #jar}; null (and a warning) when it cannot be extracted. */
    private Path extracted() {
        Path app = dir.resolve("app");
        Path extractedJar = app.resolve(jar.getFileName());
        Path stamp = dir.resolve("extracted-from");
        String current = stampOf(jar);
        try {
            if (Files.isRegularFile(extractedJar) && Files.isRegularFile(stamp)
                    && Files.readString(stamp, StandardCharsets.UTF_8).equals(current)) {
                return extractedJar;
            }
            deleteTree(dir);
            Files.createDirectories(dir);
            Path staging = Files.createTempDirectory(dir, "app.");
            Process extract = new ProcessBuilder(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--force",
                    "--destination", staging.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!extract.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                log.warn("Could not extract {} for class data sharing; starting it as it is", jar);
                return null;
            }
            try {
                Files.move(staging, app, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                deleteTree(staging); // another launcher extracted it at the same moment
            }
            Files.writeString(stamp, current, StandardCharsets.UTF_8);
            return extractedJar;
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not extract {} for class data sharing ({}); starting it as it is", jar, e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while extracting " + jar, e);
        }
    }

    private static String stampOf(Path jar) {
        try {
            return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String stripJar(String fileName) {
        return fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - ".jar".length()) : fileName;
    }
}
