package io.omnirouter.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The project's assembled Apicurio registry ({@code registry/target/*-runner.jar}) as a child JVM. */
final class RegistryEngine implements AutoCloseable {

    /** System property: path of the registry runner jar, when walking up from the working directory is not wanted. */
    private static final String JAR_PROPERTY = "omnirouter.registry.jar";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final String BUILD_HINT = "build it first: ./mvnw -pl registry package";

    private final ChildJvm process;
    private final int port;

    private RegistryEngine(ChildJvm process, int port) {
        this.process = process;
        this.port = port;
    }

    static RegistryEngine start(Path jar) {
        int port = ChildJvm.freePort();
        ChildJvm process = ChildJvm.start("registry", "Schema registry", jar,
                List.of("-Xmx384m",
                        // C1 only: ready in ~2.6 s instead of ~4 s; a test registry needs no peak throughput.
                        "-XX:TieredStopAtLevel=1",
                        "-Dquarkus.http.host=localhost",
                        "-Dquarkus.http.port=" + port),
                List.of(),
                Path.of("target", "test-registry-" + port + ".log").toAbsolutePath());
        RegistryEngine registry = new RegistryEngine(process, port);
        process.awaitHttp(URI.create(registry.baseUrl() + "/health/ready"), response -> response.statusCode() == 200,
                STARTUP_TIMEOUT);
        return registry;
    }

    String confluentApiUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        process.close();
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
        return ChildJvm.findBuiltJar("registry", name -> name.endsWith("-runner.jar"))
                .orElseThrow(() -> new IllegalStateException("Schema registry not found: no registry/target/*-runner.jar in "
                        + Path.of("").toAbsolutePath() + " or above; " + BUILD_HINT + " (or set -D" + JAR_PROPERTY + "=<runner jar>)"));
    }
}
