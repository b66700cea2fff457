package io.omnirouter.support.instance;

import java.util.Map;
import java.util.UUID;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives a process without a configured {@code omnirouter.instance.id} one random id, fixed for its lifetime.
 * {@code ${random.uuid}} in a property would not do: it resolves to a new value every time it is read, so two
 * settings referring to the instance id (the router's transactional-id prefix and its client ids) would disagree.
 */
public class InstanceIdDefault implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "omnirouter.instance.id";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            String service = environment.getProperty("spring.application.name", "omnirouter");
            String id = service + "-" + UUID.randomUUID().toString().substring(0, 8);
            // First: a blank value from application.yml (an unset ROUTER_INSTANCE_ID) must not win over it.
            environment.getPropertySources().addFirst(new MapPropertySource("omnirouterInstanceId", Map.of(PROPERTY, id)));
        }
    }

    /** After the configuration files are read (their post-processor runs at the highest precedence + 10). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
