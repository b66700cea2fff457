package io.omnirouter.history.customer.infrastructure;

import io.omnirouter.history.customer.application.LookupProperties;
import io.omnirouter.identifiers.IdentifierNormalizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CustomerConfiguration {

    @Bean
    IdentifierNormalizer identifierNormalizer(LookupProperties properties) {
        try {
            return new IdentifierNormalizer(properties.defaultPhoneRegion());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("omnirouter.history.default-phone-region: " + e.getMessage(), e);
        }
    }
}
