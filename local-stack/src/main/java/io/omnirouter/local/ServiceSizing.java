package io.omnirouter.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a service's JVM may take, set explicitly instead of left to the JVM's ergonomics (which size the heap at a
 * quarter of the machine's memory and the code cache, metaspace and malloc arenas without bound): each part of its
 * memory, and the pools whose threads and connections hold memory of their own. Budget and reasons:
 * docs/memory.md. The launcher starts every service with these, so the local stack, the benchmark and the fault
 * harness run what production is documented to run.
 *
 * @param heapMb            -Xms and -Xmx: a fixed heap, so RSS does not grow with it after start-up
 * @param metaspaceMb       -XX:MaxMetaspaceSize: the loaded classes (Spring Boot, Kafka, Avro) with room to spare
 * @param codeCacheMb       -XX:ReservedCodeCacheSize: compiled code of C1 and C2
 * @param directMemoryMb    -XX:MaxDirectMemorySize: NIO buffers. A socket read into a heap buffer goes through a
 *                          temporary direct buffer of the read's size: a Kafka fetch response of tens of MB in a
 *                          backlog (32 MB stopped the router's consumer with OutOfMemoryError in the benchmark)
 * @param threadStackKb     -Xss: the services' call depth is far below it
 * @param mallocArenas      MALLOC_ARENA_MAX: glibc gives every thread that allocates natively an arena of up to 64 MB
 * @param httpThreads       server.tomcat.threads.max: concurrent HTTP requests served (live streams do not hold one)
 * @param databaseConnections spring.datasource.hikari.maximum-pool-size
 */
public record ServiceSizing(int heapMb, int metaspaceMb, int codeCacheMb, int directMemoryMb, int threadStackKb, int mallocArenas,
                            int httpThreads, int databaseConnections) {

    /**
     * router-service: its live data are the batches in flight (two listener threads of at most 500 records, a
     * producer buffer) and the duplicate windows.
     */
    public static final ServiceSizing ROUTER = new ServiceSizing(192, 128, 64, 128, 512, 2, 8, 4);

    /**
     * contact-history-service: the ingest batches (three consumers of 250 records), the live stream's queues (up to
     * 10,000 events per client) and the API's result pages.
     */
    public static final ServiceSizing HISTORY = new ServiceSizing(192, 128, 64, 128, 512, 2, 48, 20);

    private static final int MAX_CACHED_NIO_BUFFER = 1024 * 1024;

    public ServiceSizing {
        atLeast("heapMb", heapMb, 64);
        atLeast("metaspaceMb", metaspaceMb, 64);
        atLeast("codeCacheMb", codeCacheMb, 16);
        atLeast("directMemoryMb", directMemoryMb, 8);
        atLeast("threadStackKb", threadStackKb, 256);
        atLeast("mallocArenas", mallocArenas, 1);
        atLeast("httpThreads", httpThreads, 2);
        atLeast("databaseConnections", databaseConnections, 2);
    }

    private static void atLeast(String setting, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException("service sizing: " + setting + " is " + value + ", at least " + least
                    + " is needed to start a service");
        }
    }

    /** The JVM's options for these limits. */
    List<String> jvmArguments() {
        List<String> arguments = new ArrayList<>();
        arguments.add("-Xms" + heapMb + "m");
        arguments.add("-Xmx" + heapMb + "m");
        arguments.add("-XX:MaxMetaspaceSize=" + metaspaceMb + "m");
        arguments.add("-XX:ReservedCodeCacheSize=" + codeCacheMb + "m");
        arguments.add("-XX:MaxDirectMemorySize=" + directMemoryMb + "m");
        arguments.add("-Xss" + threadStackKb + "k");
        // Those temporary direct buffers are cached per thread at their largest size; larger than this they are freed.
        arguments.add("-Djdk.nio.maxCachedBufferSize=" + MAX_CACHED_NIO_BUFFER);
        return arguments;
    }

    /** The environment for these limits: glibc's arenas and the pools, as Spring Boot reads them. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MALLOC_ARENA_MAX", Integer.toString(mallocArenas));
        env.put("SERVER_TOMCAT_THREADS_MAX", Integer.toString(httpThreads));
        env.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", Integer.toString(databaseConnections));
        return env;
    }
}
