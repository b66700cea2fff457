package io.omnirouter.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the launcher starts child JVMs: with the launcher's own Java, tagged with the data directory (so a
 * later launcher recognises its leftovers and never kills an unrelated process that reuses a pid), and in
 * a session of their own where {@code setsid} exists — then Ctrl-C reaches only the launcher, which stops
 * the children in order (services before the broker) instead of all at once.
 */
final class Jvm {

    private static final String MARKER_PROPERTY = "omnirouter.local-stack";

    private final String java;
    private final String marker;
    private final List<String> sessionPrefix;

    Jvm(Path dataDir) {
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.marker = "-D" + MARKER_PROPERTY + "=" + dataDir;
        this.sessionPrefix = Stream.of("/usr/bin/setsid", "/bin/setsid")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .map(setsid -> List.of(setsid.toString()))
                .orElse(List.of());
    }

    /** {@code [setsid] java -Domnirouter.local-stack=<data dir> <arguments…>} */
    List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>(sessionPrefix);
        command.add(java);
        command.add(marker);
        command.addAll(arguments);
        return command;
    }

    /** The launcher's own {@code java}. */
    String java() {
        return java;
    }

    /** Whether {@code process} is a child JVM that a launcher started for this data directory. */
    boolean startedHere(ProcessHandle process) {
        Optional<String> commandLine = process.info().commandLine();
        return commandLine.isPresent() && commandLine.get().contains(marker + " ");
    }
}
