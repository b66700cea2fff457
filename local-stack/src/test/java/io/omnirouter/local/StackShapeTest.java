package io.omnirouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackShapeTest {

    @Test
    void aSingleBrokerAndASingleInstanceKeepTheirPlainNames() {
        assertThat(StackShape.LAPTOP.brokerNames()).containsExactly("kafka");
        assertThat(StackShape.LAPTOP.instanceNames(LocalStack.ROUTER)).containsExactly("router-service");
    }

    @Test
    void brokersAndInstancesOfAClusterAreNumberedFromOne() {
        StackShape cluster = StackShape.PRODUCTION_LIKE;
        assertThat(cluster.brokerNames()).containsExactly("kafka-1", "kafka-2", "kafka-3");
        assertThat(cluster.instanceNames(LocalStack.HISTORY))
                .containsExactly("contact-history-service-1", "contact-history-service-2");
    }
}
