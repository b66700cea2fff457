package io.omnirouter.router;

import io.omnirouter.router.config.RouterProperties;
import io.omnirouter.schemas.AvroPackages;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(RouterProperties.class)
public class RouterApplication {

    public static void main(String[] args) {
        // Avro 1.12 only instantiates generated classes from trusted packages; read once, before first use.
        System.setProperty(AvroPackages.SYSTEM_PROPERTY, AvroPackages.SERIALIZABLE);
        SpringApplication.run(RouterApplication.class, args);
    }
}
