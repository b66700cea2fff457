package io.omnirouter.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the built parts are in the project: the registry runner, the Kafka broker's libraries and the
 * services' runnable (-exec) jars. Checked before anything starts, so that a missing build is one clear
 * message instead of a half-started stack.
 *
 * @param historyJar null when the history service is left out; likewise {@code routerJar}
 */
public record StackLayout(Path registryJar, Path kafkaLib, Path routerJar, Path historyJar) {

    static final String BUILD_COMMAND = "./mvnw -DskipTests install";

    public static StackLayout locate(Path home, StackSettings settings) {
        List<String> missing = new ArrayList<>();
        Path registry = find(home.resolve("registry/target"), "registry-", "-runner.jar", "schema registry", missing);
        Path kafkaLib = home.resolve("local-stack/kafka-broker/target/kafka-lib");
        if (!hasJars(kafkaLib)) {
            missing.add("Kafka broker libraries: " + kafkaLib + " is missing or empty");
        }
        Path router = settings.runs(OptionalPart.ROUTER)
                ? find(home.resolve("router-service/target"), "router-service-", "-exec.jar", "router-service", missing) : null;
        Path history = settings.runs(OptionalPart.HISTORY)
                ? find(home.resolve("contact-history-service/target"), "contact-history-service-", "-exec.jar",
                        "contact-history-service", missing) : null;
        if (!missing.isEmpty()) {
            throw new StackException("Not built yet in " + home + ":\n  - " + String.join("\n  - ", missing)
                    + "\nBuild them with: " + BUILD_COMMAND + " (./omnirouter up does that for you), "
                    + "or leave a service out with --without router|history.");
        }
        return new StackLayout(registry, kafkaLib, router, history);
    }

    /** The newest {@code <prefix>*<suffix>} in {@code dir}. */
    private static Path find(Path dir, String prefix, String suffix, String what, List<String> missing) {
        Optional<Path> newest = Optional.empty();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                newest = files.filter(file -> {
                    String name = file.getFileName().toString();
                    return name.startsWith(prefix) && name.endsWith(suffix);
                }).max(Comparator.comparing(StackLayout::modified));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (newest.isEmpty()) {
            missing.add(what + ": no " + dir.resolve(prefix + "*" + suffix));
        }
        return newest.orElse(null);
    }

    private static boolean hasJars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
