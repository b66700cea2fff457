package io.omnirouter.router.routing.infrastructure;

import io.omnirouter.router.RouterApplication;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.ServiceProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Whole routers of the group {@code router} that a test starts one after the other, closed last first. */
final class Routers implements AutoCloseable {

    static final int PARTITIONS = 6;

    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    /**
     * The contract's topics as the router declares them; before a probe asks for them, which would auto-create them with
     * one partition.
     */
    static void declareTopics() {
        List<String> topics = new ArrayList<>(List.of(ContractTopic.CONTACT_EVENTS.topic()));
        for (ContractTopic channel : ContractTopic.channels()) {
            topics.add(channel.topic());
            topics.add(channel.deadLetterTopic());
        }
        RealInfrastructure.createTopics(PARTITIONS, topics.toArray(String[]::new));
    }

    ConfigurableApplicationContext start(String name) {
        return start(name, RealInfrastructure.registryUrl());
    }

    /** A router using the registry at {@code registryUrl} (a test's proxy it can break), not the harness's one. */
    ConfigurableApplicationContext start(String name, String registryUrl) {
        // As command-line arguments: they take precedence over application.yml.
        ConfigurableApplicationContext router = new SpringApplicationBuilder(RouterApplication.class)
                .web(WebApplicationType.NONE)
                .run(Stream.concat(
                        ServiceProcess.realInfrastructureArguments().stream().filter(a -> !a.startsWith("--omnirouter.schema-registry.url=")),
                        Stream.of("--omnirouter.schema-registry.url=" + registryUrl,
                                "--omnirouter.instance.id=" + name + "-" + UUID.randomUUID())).toArray(String[]::new));
        started.add(router);
        return router;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
