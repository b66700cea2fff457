package io.omnirouter.local;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The ports of every part, documented in the README. {@code up} uses the documented defaults (offset 0):
 * Kafka 9092, the registry 8081, PostgreSQL 5432, contact-history-service 8080, router-service's management
 * port 8082, which the services' own defaults point at too. Further brokers take the next pairs (9094/9095,
 * 9096/9097, ...), further service instances the same port plus 100 per instance (8180, 8182, ...). An offset
 * moves all of them, so that a second stack (the fault harness, a test) can run beside {@code up}.
 *
 * @param offset added to every port
 */
public record StackPorts(int offset) {

    public static final StackPorts LOCAL = new StackPorts(0);
    private static final int HIGHEST_BASE = 9092 + 2 * StackShape.MAX_BROKERS;

    public StackPorts {
        if (offset < 0 || HIGHEST_BASE + offset > 65_535) {
            throw new StackException("port offset must be between 0 and " + (65_535 - HIGHEST_BASE) + ", was " + offset);
        }
    }

    /** The client listener of broker {@code node} (1-based). */
    public int kafka(int node) {
        return offset + 9092 + 2 * (node - 1);
    }

    /** The KRaft controller listener of broker {@code node} (1-based). */
    public int kafkaController(int node) {
        return kafka(node) + 1;
    }

    /** {@code localhost:9092,localhost:9094,...}: every broker of the shape, for clients. */
    public String bootstrapServers(StackShape shape) {
        return IntStream.rangeClosed(1, shape.brokers()).mapToObj(node -> "localhost:" + kafka(node))
                .collect(Collectors.joining(","));
    }

    public int registry() {
        return offset + 8081;
    }

    /** The registry's Confluent-compatible API. */
    public String registryUrl() {
        return "http://localhost:" + registry() + "/apis/ccompat/v7";
    }

    public int postgres() {
        return offset + 5432;
    }

    /** contact-history-service instance {@code instance} (1-based): API, console, actuator. */
    public int history(int instance) {
        return offset + 8080 + 100 * (instance - 1);
    }

    /** router-service instance {@code instance} (1-based): its actuator. */
    public int routerManagement(int instance) {
        return offset + 8082 + 100 * (instance - 1);
    }
}
