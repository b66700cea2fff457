package io.omnirouter.history.ops.infrastructure;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What ops watches, and how often it is measured ({@code omnirouter.history.ops.*}).
 *
 * @param taskGaugeInterval how often the open/overdue task gauges are counted (one grouped query)
 * @param lagGaugeInterval  how often the consumer-lag gauge asks the broker
 * @param kafkaTimeout      how long a question to the broker may take (ops overview, lag gauge)
 */
@Validated
@ConfigurationProperties("omnirouter.history.ops")
public record OpsProperties(@NotNull @DefaultValue("10s") Duration taskGaugeInterval,
                            @NotNull @DefaultValue("15s") Duration lagGaugeInterval,
                            @NotNull @DefaultValue("3s") Duration kafkaTimeout) {

    public OpsProperties {
        requirePositive(taskGaugeInterval, "task-gauge-interval");
        requirePositive(lagGaugeInterval, "lag-gauge-interval");
        requirePositive(kafkaTimeout, "kafka-timeout");
    }

    private static void requirePositive(Duration value, String name) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException("omnirouter.history.ops." + name + " must be positive, got " + value);
        }
    }
}
