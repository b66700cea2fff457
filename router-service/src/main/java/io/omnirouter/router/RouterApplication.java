package io.omnirouter.router;

import io.omnirouter.router.config.RouterProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(RouterProperties.class)
public class RouterApplication {

    public static void main(String[] args) {
        // Avro 1.12 only instantiates generated classes from trusted packages; read once, before first use.
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
                "io.omnirouter.channel,io.omnirouter.contact,io.omnirouter.followup");
        SpringApplication.run(RouterApplication.class, args);
    }
}
