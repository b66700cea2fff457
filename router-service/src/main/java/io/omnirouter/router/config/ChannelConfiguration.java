package io.omnirouter.router.config;

import io.omnirouter.router.routing.channel.ChannelMapping;
import io.omnirouter.router.routing.channel.ChannelMappings;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The router's channels: every {@link ChannelMapping} in its package becomes a bean (the classes stay plain Java, no
 * annotation), and {@link ChannelMappings} fails the start-up, naming the topic, unless each channel topic of the
 * contract has exactly one. So a new channel needs its mapping class and nothing here (docs/channels.md).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = ChannelMapping.class, useDefaultFilters = false,
        includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ChannelMapping.class))
class ChannelConfiguration {

    @Bean
    ChannelMappings channelMappings(List<ChannelMapping<?>> mappings) {
        return new ChannelMappings(mappings);
    }
}
