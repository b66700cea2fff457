package io.omnirouter.history.rebuild.infrastructure;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The DataSource of the service, in place of Spring Boot's single Hikari pool: the live pool as Boot would make it
 * ({@code spring.datasource.*}, {@code spring.datasource.hikari.*}), and a small pool for the rebuild whose
 * connections put the rebuild schema first in their search path, behind one {@link ShadowRoutingDataSource}.
 */
@Configuration(proxyBeanMethods = false)
class RebuildDataSourceConfiguration {

    /** Connections the rebuild holds at once: its transaction and the progress it reads. */
    private static final int SHADOW_POOL_SIZE = 3;

    @Bean(destroyMethod = "close", defaultCandidate = false)
    HikariDataSource liveDataSource(DataSourceProperties properties, Environment environment) {
        return pool(properties, environment, "history-live");
    }

    @Bean(destroyMethod = "close", defaultCandidate = false)
    HikariDataSource shadowDataSource(DataSourceProperties properties, Environment environment) {
        HikariDataSource shadow = pool(properties, environment, "history-rebuild");
        shadow.setMaximumPoolSize(SHADOW_POOL_SIZE);
        shadow.setMinimumIdle(0);
        shadow.setConnectionInitSql("SET search_path TO " + JdbcShadowSchema.SHADOW + ", public");
        return shadow;
    }

    @Bean
    @Primary
    ShadowRoutingDataSource dataSource(@Qualifier("liveDataSource") HikariDataSource live,
                                       @Qualifier("shadowDataSource") HikariDataSource shadow) {
        return new ShadowRoutingDataSource(live, shadow);
    }

    private static HikariDataSource pool(DataSourceProperties properties, Environment environment, String name) {
        HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        pool.setPoolName(name);
        return pool;
    }
}
