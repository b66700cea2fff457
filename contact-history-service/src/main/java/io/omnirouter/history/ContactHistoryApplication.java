package io.omnirouter.history;

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

    /** Avro 1.12 instantiates only generated classes of these packages; read once, before Avro's first use. */
    static final String AVRO_SERIALIZABLE_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";
    static final String OMNIROUTER_AVRO_PACKAGES = "io.omnirouter.channel,io.omnirouter.contact,io.omnirouter.followup";

    public static void main(String[] args) {
        String configured = System.getProperty(AVRO_SERIALIZABLE_PACKAGES);
        // Keep packages an operator added; ours must be there in any case.
        System.setProperty(AVRO_SERIALIZABLE_PACKAGES,
                configured == null || configured.isBlank() ? OMNIROUTER_AVRO_PACKAGES : configured + "," + OMNIROUTER_AVRO_PACKAGES);
        SpringApplication.run(ContactHistoryApplication.class, args);
    }
}
