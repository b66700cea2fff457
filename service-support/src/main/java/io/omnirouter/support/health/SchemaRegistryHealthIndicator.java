package io.omnirouter.support.health;

import io.omnirouter.serde.SchemaRegistryClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP when the schema registry lists its subjects; the URL is shown, never credentials. */
public class SchemaRegistryHealthIndicator extends AbstractHealthIndicator {

    private final SchemaRegistryClient registry;
    private final String url;

    public SchemaRegistryHealthIndicator(SchemaRegistryClient registry, String url) {
        super("Schema registry health check failed");
        this.registry = registry;
        this.url = url;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetail("url", url).withDetail("subjects", registry.subjects().size());
    }
}
