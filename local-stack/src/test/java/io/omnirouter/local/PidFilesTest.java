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
    void leftovers_of_a_launcher_killed_hard_are_stopped_services_before_brokers_and_forgotten() throws Exception {
        Jvm jvm = new Jvm(dataDir);
        PidFiles pidFiles = new PidFiles(dataDir.resolve("run"), jvm);
        ChildProcess kafka = idle(jvm, "kafka-1");
        ChildProcess router = idle(jvm, "router-service-2");
        pidFiles.write(kafka);
        pidFiles.write(router);
        List<String> reports = new ArrayList<>();

        pidFiles.stopLeftovers(Duration.ofSeconds(10), reports::add);

        assertThat(kafka.isAlive()).isFalse();
        assertThat(router.isAlive()).isFalse();
        assertThat(reports).containsExactly(
                "Stopping router-service-2 (pid " + router.pid() + ") left running by an earlier launcher",
                "Stopping kafka-1 (pid " + kafka.pid() + ") left running by an earlier launcher");
        assertThat(dataDir.resolve("run/kafka-1.pid")).doesNotExist();
        assertThat(dataDir.resolve("run/router-service-2.pid")).doesNotExist();
    }

    private ChildProcess idle(Jvm jvm, String name) {
        return ChildProcess.start(name, jvm.command(List.of("-cp", System.getProperty("java.class.path"),
                Idle.class.getName())), Map.of(), dataDir, dataDir.resolve(name + ".log"));
    }

    @Test
    void a_process_that_merely_reuses_a_recorded_pid_is_left_alone() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "60").start();
        started.add(stranger);
        Files.createDirectories(dataDir.resolve("run"));
        Files.writeString(dataDir.resolve("run/registry.pid"), Long.toString(stranger.pid()));

        new PidFiles(dataDir.resolve("run"), new Jvm(dataDir)).stopLeftovers(Duration.ofSeconds(1), report -> { });

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

    @Test
    void a_paused_leftover_is_woken_so_that_it_stops_on_sigterm_rather_than_being_killed() throws Exception {
        Jvm jvm = new Jvm(dataDir);
        PidFiles pidFiles = new PidFiles(dataDir.resolve("run"), jvm);
        ChildProcess history = idle(jvm, "contact-history-service");
        pidFiles.write(history);
        history.signal("STOP");

        pidFiles.stopLeftovers(Duration.ofSeconds(10), report -> { });

        assertThat(history.isAlive()).isFalse();
        assertThat(history.exitValue()).as("128 + SIGTERM (a SIGKILL after the grace would be 137)").isEqualTo(143);
    }

    @Test
    void the_launcher_that_asks_is_never_stopped_as_a_leftover_launcher() throws Exception {
        Files.createDirectories(dataDir.resolve("run"));
        Files.writeString(dataDir.resolve("run/launcher.pid"), Long.toString(ProcessHandle.current().pid()));
        List<String> reports = new ArrayList<>();

        new PidFiles(dataDir.resolve("run"), new Jvm(dataDir)).stopLauncher(Duration.ofSeconds(1), reports::add);

        assertThat(reports).isEmpty();
    }
}
