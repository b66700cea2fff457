package io.omnirouter.support.instance;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Which instance answered: the {@value InstanceHeaderFilter#HEADER} header on every response, and an {@code instance}
 * health component whose detail is the id (shown where the health endpoint shows details).
 */
@AutoConfiguration
@EnableConfigurationProperties(InstanceProperties.class)
public class InstanceAutoConfiguration {

    @Bean
    @ConditionalOnClass(HealthIndicator.class)
    HealthIndicator instanceHealthIndicator(InstanceProperties instance) {
        return () -> Health.up().withDetail("id", instance.id()).build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(FilterRegistrationBean.class)
    static class InstanceHeader {

        @Bean
        FilterRegistrationBean<InstanceHeaderFilter> instanceHeaderFilter(InstanceProperties instance) {
            FilterRegistrationBean<InstanceHeaderFilter> registration = new FilterRegistrationBean<>(new InstanceHeaderFilter(instance.id()));
            // Ahead of Spring Security's filter chain, so that a 401 or 403 says which instance refused.
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
