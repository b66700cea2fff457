package io.omnirouter.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's bookkeeping around the JDK's class-data-sharing archive, on a copy of the router's real jar (the
 * extraction is Spring Boot's own). The JVM's part, writing and reading the archive, is exercised by every stack
 * the ITs start; here a file stands in for what the JVM writes at exit. It lives in the local stack's tests because
 * jvm-processes is built before any service jar exists.
 */
class SharedClassArchiveTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path target;
    private Path jar;
    private SharedClassArchive classes;

    @BeforeEach
    void copyTheRoutersJar() throws IOException {
        Path built;
        try (Stream<Path> files = Files.list(Path.of("../router-service/target"))) {
            built = files.filter(file -> file.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build router-service first: ./mvnw -pl router-service package"));
        }
        jar = Files.copy(built, target.resolve("router-service-exec.jar"));
        classes = new SharedClassArchive(jar, JAVA);
    }

    @Test
    void theFirstStartRecordsTheArchiveFromTheExtractedJarAndAConcurrentStartRunsWithout() {
        SharedClassArchive.Launch first = classes.launch("router-service-1");
        SharedClassArchive.Launch second = classes.launch("router-service-2");

        Path extracted = target.resolve("cds/router-service-exec/app/router-service-exec.jar");
        assertThat(extracted).isRegularFile();
        assertThat(first.records()).isTrue();
        assertThat(first.arguments()).contains("-XX:ArchiveClassesAtExit=" + first.recordingTo()).endsWith("-jar", extracted.toString());
        assertThat(second.records()).isFalse();
        assertThat(second.arguments()).containsExactly("-jar", extracted.toString());
    }

    @Test
    void anArchiveWrittenAtANormalExitIsUsedByTheNextStarts() throws IOException {
        SharedClassArchive.Launch recording = classes.launch("router-service-1");
        Files.writeString(recording.recordingTo(), "the archive the JVM wrote at exit");

        classes.ended(recording, 143);

        Path archive = target.resolve("cds/router-service-exec/classes.jsa");
        assertThat(archive).hasContent("the archive the JVM wrote at exit");
        assertThat(recording.recordingTo()).doesNotExist();
        for (String instance : List.of("router-service-1", "router-service-2")) {
            SharedClassArchive.Launch next = classes.launch(instance);
            assertThat(next.records()).isFalse();
            assertThat(next.arguments()).contains("-XX:SharedArchiveFile=" + archive);
        }
    }

    @Test
    void aStartKilledWithSigkillKeepsNothingAndTheNextStartRecordsAgain() throws IOException {
        SharedClassArchive.Launch recording = classes.launch("router-service-1");
        Files.writeString(recording.recordingTo(), "half an archive");

        classes.ended(recording, 137);

        assertThat(target.resolve("cds/router-service-exec/classes.jsa")).doesNotExist();
        assertThat(recording.recordingTo()).doesNotExist();
        assertThat(classes.launch("router-service-1").records()).isTrue();
    }

    @Test
    void aRebuiltJarIsExtractedAgainAndItsOldArchiveIsDropped() throws IOException {
        SharedClassArchive.Launch recording = classes.launch("router-service-1");
        Files.writeString(recording.recordingTo(), "an archive of the old jar");
        classes.ended(recording, 0);

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        SharedClassArchive.Launch afterRebuild = new SharedClassArchive(jar, JAVA).launch("router-service-1");

        assertThat(target.resolve("cds/router-service-exec/classes.jsa")).doesNotExist();
        assertThat(afterRebuild.records()).isTrue();
        assertThat(target.resolve("cds/router-service-exec/app/router-service-exec.jar")).isRegularFile();
    }
}
