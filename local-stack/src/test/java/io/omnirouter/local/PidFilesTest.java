package io.omnirouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFilesTest {

    @TempDir
    Path dataDir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void leftovers_of_a_launcher_killed_hard_are_stopped_and_forgotten() throws Exception {
        Jvm jvm = new Jvm(dataDir);
        PidFiles pidFiles = new PidFiles(dataDir.resolve("run"), jvm);
        ChildProcess kafka = ChildProcess.start("kafka", jvm.command(List.of("-cp", System.getProperty("java.class.path"),
                Idle.class.getName())), Map.of(), dataDir, dataDir.resolve("kafka.log"));
        pidFiles.write(kafka);
        List<String> reports = new ArrayList<>();

        pidFiles.stopLeftovers(List.of("router-service", "kafka"), Duration.ofSeconds(10), reports::add);

        assertThat(kafka.isAlive()).isFalse();
        assertThat(reports).containsExactly("Stopping kafka (pid " + kafka.pid() + ") left running by an earlier launcher");
        assertThat(dataDir.resolve("run/kafka.pid")).doesNotExist();
    }

    @Test
    void a_process_that_merely_reuses_a_recorded_pid_is_left_alone() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "60").start();
        started.add(stranger);
        Files.createDirectories(dataDir.resolve("run"));
        Files.writeString(dataDir.resolve("run/registry.pid"), Long.toString(stranger.pid()));

        new PidFiles(dataDir.resolve("run"), new Jvm(dataDir)).stopLeftovers(List.of("registry"), Duration.ofSeconds(1), report -> { });

        assertThat(stranger.waitFor(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(dataDir.resolve("run/registry.pid")).doesNotExist();
    }

    @Test
    void a_child_of_another_data_directory_is_not_ours() throws Exception {
        Jvm other = new Jvm(dataDir.resolve("other"));
        ChildProcess child = ChildProcess.start("registry", other.command(List.of("-cp", System.getProperty("java.class.path"),
                Idle.class.getName())), Map.of(), dataDir, dataDir.resolve("registry.log"));
        try {
            assertThat(other.startedHere(ProcessHandle.of(child.pid()).orElseThrow())).isTrue();
            assertThat(new Jvm(dataDir).startedHere(ProcessHandle.of(child.pid()).orElseThrow())).isFalse();
        } finally {
            child.stop(Duration.ofSeconds(5));
        }
    }
}
