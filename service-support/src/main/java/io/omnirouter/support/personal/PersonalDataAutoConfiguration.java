package io.omnirouter.support.personal;

import javax.sql.DataSource;

import io.omnirouter.personal.PersonalDataMigrations;
import io.omnirouter.personal.contact.SealedContacts;
import io.omnirouter.personal.hash.KeyedHash;
import io.omnirouter.personal.keys.DataKeys;
import io.omnirouter.personal.keys.JdbcDataKeys;
import io.omnirouter.personal.keys.MasterKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The personal-data keys of a service with a database (docs/personal-data.md): the data keys in
 * {@code personal.data_key} (schema {@code personal} migrated here, at start-up), wrapped by the configured master
 * key, and the keyed hash. Both services get them the same way, from {@link PersonalDataProperties}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalDataAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    DataKeys dataKeys(DataSource dataSource, PersonalDataProperties properties) {
        // The master key first: a missing one names its setting before the database is asked anything.
        JdbcDataKeys keys = new JdbcDataKeys(dataSource, MasterKey.fromKeyset(properties.masterKey()));
        int applied = PersonalDataMigrations.migrate(dataSource, properties.connectRetries(),
                (int) Math.max(1, properties.connectRetriesInterval().toSeconds()));
        log.info("Personal data keys in schema personal ({} migrations applied now); sealing of contacts {}", applied,
                properties.sealing() ? "on" : "OFF: contacts are published with their personal data in clear");
        return keys;
    }

    @Bean
    @ConditionalOnMissingBean
    KeyedHash keyedHash(PersonalDataProperties properties) {
        return KeyedHash.fromKeyset(properties.hashKey());
    }

    @Bean
    @ConditionalOnMissingBean
    SealedContacts sealedContacts(KeyedHash keyedHash) {
        return new SealedContacts(keyedHash);
    }
}
