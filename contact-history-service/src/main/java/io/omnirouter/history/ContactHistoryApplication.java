package io.omnirouter.history;

import io.omnirouter.schemas.AvroPackages;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Owns the customers and their unified contact history: ingests contact.events, resolves identities,
 * serves the agent API.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ContactHistoryApplication {

    public static void main(String[] args) {
        // Avro 1.12 instantiates only generated classes of the packages named, read once, before Avro's first use.
        // Keep packages an operator added; ours must be there in any case.
        String configured = System.getProperty(AvroPackages.SYSTEM_PROPERTY);
        System.setProperty(AvroPackages.SYSTEM_PROPERTY, configured == null || configured.isBlank()
                ? AvroPackages.SERIALIZABLE : configured + "," + AvroPackages.SERIALIZABLE);
        SpringApplication.run(ContactHistoryApplication.class, args);
    }
}
