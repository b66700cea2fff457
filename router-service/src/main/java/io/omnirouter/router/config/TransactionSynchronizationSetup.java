package io.omnirouter.router.config;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.transaction.KafkaTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;

/**
 * Lets the listener act only once its Kafka transaction has committed. spring-kafka's {@link KafkaTransactionManager}
 * turns Spring's transaction synchronization off ({@code SYNCHRONIZATION_NEVER}), so an {@code afterCommit} callback
 * registered by the listener would never be called — and code that falls back to acting at once would act on batches
 * whose transaction then fails. The fault harness found exactly that: the de-duplication window remembered the event
 * ids of a batch whose offset commit failed in a rebalance ("group generation id is not valid"), and the retried
 * batch was then dropped as duplicates — acknowledged events lost. With synchronization on for actual transactions,
 * the listener's {@code afterCommit} runs after the producer's commit succeeded and only then.
 */
@Configuration(proxyBeanMethods = false)
class TransactionSynchronizationSetup {

    @Bean
    static BeanPostProcessor synchronizeOnKafkaTransactions() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaTransactionManager<?, ?> manager) {
                    manager.setTransactionSynchronization(AbstractPlatformTransactionManager.SYNCHRONIZATION_ON_ACTUAL_TRANSACTION);
                }
                return bean;
            }
        };
    }
}
