package io.omnirouter.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of our Spring Boot services running as its own process from its built {@code -exec} jar, as in
 * production: for system tests across services and for fault tests ({@link #kill()} is a {@code kill -9}).
 * Configuration is passed as {@code --key=value} arguments; the HTTP port is chosen free.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final ChildJvm process;
    private final int port;

    private ServiceProcess(ChildJvm process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code <module>/target/<module>-*-exec.jar} and waits until its actuator health is UP.
     *
     * @param module     the Maven module, e.g. {@code router-service}
     * @param properties Spring properties, e.g. {@code spring.kafka.bootstrap-servers}
     */
    public static ServiceProcess start(String module, Map<String, String> properties) {
        Path jar = ChildJvm.findBuiltJar(module, name -> name.startsWith(module) && name.endsWith("-exec.jar"))
                .orElseThrow(() -> new IllegalStateException("No " + module + "/target/" + module
                        + "-*-exec.jar; build it first: ./mvnw -pl " + module + " -am package -DskipTests"));
        int port = ChildJvm.freePort();
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        ChildJvm process = ChildJvm.start(module, module, jar,
                List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), args,
                Path.of("target", module + "-" + port + ".log").toAbsolutePath());
        ServiceProcess service = new ServiceProcess(process, port);
        process.awaitHttp(URI.create(service.baseUrl() + "/actuator/health"),
                response -> response.statusCode() == 200 && response.body().contains("\"UP\""), STARTUP_TIMEOUT);
        return service;
    }

    /** The real infrastructure's addresses and the test runs' personal-data keys as Spring properties, for {@link #start}. */
    public static Map<String, String> realInfrastructureProperties() {
        Map<String, String> properties = new HashMap<>(PersonalDataTestKeys.properties());
        properties.putAll(Map.of(
                "spring.kafka.bootstrap-servers", RealInfrastructure.kafkaBootstrapServers(),
                "omnirouter.schema-registry.url", RealInfrastructure.registryUrl(),
                "spring.datasource.url", RealInfrastructure.jdbcUrl(),
                "spring.datasource.username", RealInfrastructure.dbUser(),
                "spring.datasource.password", RealInfrastructure.dbPassword()));
        return Map.copyOf(properties);
    }

    /** {@link #realInfrastructureProperties} as command-line arguments ({@code --key=value}), for a service started in-process. */
    public static List<String> realInfrastructureArguments() {
        return realInfrastructureProperties().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path logFile() {
        return process.logFile();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hooks, no commit of anything in flight. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
