package io.omnirouter.local;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.omnirouter.simulator.TrafficSimulator;

/**
 * What the user asked for: where the built project is, where the data goes, which parts run in which shape on
 * which ports, the local users' password, the simulator's pace and whether the routers seal personal data.
 *
 * @param defaultPassword whether {@code localPassword} is the documented default (then it may be shown)
 * @param sealing         whether the routers seal the personal fields of the contacts they publish (the default);
 *                        off ({@code PERSONAL_DATA_SEALING=false}) only to measure what sealing costs
 */
public record StackSettings(Path home, Path dataDir, Set<OptionalPart> without, String localPassword, boolean defaultPassword,
                            TrafficSimulator.Settings simulator, StackShape shape, StackPorts ports, boolean sealing) {

    static final String DEFAULT_PASSWORD = "omnirouter";
    static final String DATA_DIR_NAME = ".omnirouter";
    static final String RUN_DIR = "run";

    public StackSettings {
        without = Set.copyOf(without);
    }

    /** One broker and one instance of each service on the documented ports. */
    static StackSettings of(Path home, Path dataDir, Set<OptionalPart> without, Map<String, String> env,
                            TrafficSimulator.Settings simulator) {
        return of(home, dataDir, without, env, simulator, StackShape.LAPTOP, StackPorts.LOCAL);
    }

    /**
     * @param dataDir null for the default, {@code <home>/.omnirouter}
     * @param env     the environment: OMNIROUTER_LOCAL_PASSWORD, OMNIROUTER_SIMULATOR=off, PERSONAL_DATA_SEALING=false
     */
    public static StackSettings of(Path home, Path dataDir, Set<OptionalPart> without, Map<String, String> env,
                                   TrafficSimulator.Settings simulator, StackShape shape, StackPorts ports) {
        Path absoluteHome = home.toAbsolutePath().normalize();
        Path data = dataDir == null ? absoluteHome.resolve(DATA_DIR_NAME) : dataDir.toAbsolutePath().normalize();
        Set<OptionalPart> parts = without.isEmpty() ? EnumSet.noneOf(OptionalPart.class) : EnumSet.copyOf(without);
        if ("off".equalsIgnoreCase(env.getOrDefault("OMNIROUTER_SIMULATOR", "").strip())) {
            parts.add(OptionalPart.SIMULATOR);
        }
        String password = env.get("OMNIROUTER_LOCAL_PASSWORD");
        boolean useDefault = password == null || password.isEmpty();
        // What Spring reads as false in the router's own PERSONAL_DATA_SEALING.
        boolean sealing = !Set.of("false", "off", "no", "0")
                .contains(env.getOrDefault("PERSONAL_DATA_SEALING", "").strip().toLowerCase(Locale.ROOT));
        return new StackSettings(absoluteHome, data, parts, useDefault ? DEFAULT_PASSWORD : password, useDefault, simulator,
                shape, ports, sealing);
    }

    public boolean runs(OptionalPart part) {
        return !without.contains(part);
    }

    public Path logs() {
        return dataDir.resolve("logs");
    }

    public Path logFile(String part) {
        return logs().resolve(part + ".log");
    }

    /** Pid files of the children, for cleaning up after a launcher that was killed hard. */
    Path runDir() {
        return dataDir.resolve(RUN_DIR);
    }

    String bootstrapServers() {
        return ports.bootstrapServers(shape);
    }
}
