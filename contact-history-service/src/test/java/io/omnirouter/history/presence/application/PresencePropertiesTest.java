package io.omnirouter.history.presence.application;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PresencePropertiesTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static PresenceProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("omnirouter.history.presence", PresenceProperties.class);
    }

    @Test
    void defaultsAreAThirtySecondTtlAndATenSecondHeartbeat() {
        PresenceProperties defaults = bind(Map.of());

        assertThat(defaults.ttl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(VALIDATOR.validate(defaults)).isEmpty();
    }

    @Test
    void aHeartbeatMustComeAtLeastTwiceWithinTheTtl() {
        assertThat(VALIDATOR.validate(bind(Map.of("omnirouter.history.presence.ttl", "20s",
                "omnirouter.history.presence.heartbeat-interval", "10s")))).isEmpty();
        assertThat(VALIDATOR.validate(bind(Map.of("omnirouter.history.presence.ttl", "15s",
                "omnirouter.history.presence.heartbeat-interval", "10s"))))
                .extracting(violation -> violation.getMessage()).containsExactly("heartbeat-interval must be at least 100 ms and at most half the ttl");
        assertThat(VALIDATOR.validate(bind(Map.of("omnirouter.history.presence.heartbeat-interval", "10ms")))).hasSize(1);
    }

    @Test
    void theTtlIsBetweenASecondAndAnHour() {
        assertThat(VALIDATOR.validate(bind(Map.of("omnirouter.history.presence.ttl", "2h")))).hasSize(1);
        assertThat(VALIDATOR.validate(bind(Map.of("omnirouter.history.presence.ttl", "500ms",
                "omnirouter.history.presence.heartbeat-interval", "100ms")))).hasSize(1);
    }
}
