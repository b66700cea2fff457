package io.omnirouter.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SerdeConfigTest {

    @Test
    void defaultsFollowConfluent() {
        SerdeConfig config = SerdeConfig.parse(Map.of("schema.registry.url", "http://localhost:8081/apis/ccompat/v7/"));

        assertThat(config.registry().url()).isEqualTo("http://localhost:8081/apis/ccompat/v7");
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.specificAvroReader()).isTrue();
        assertThat(config.readerType(false)).isNull();
        assertThat(config.registry().basicAuthUserInfo()).isNull();
        assertThat(config.registry().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.registry().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void stringValuesAsInPropertiesFilesAreParsed() {
        SerdeConfig config = SerdeConfig.parse(Map.of(
                "schema.registry.url", "http://registry:8081",
                "auto.register.schemas", "false",
                "specific.avro.reader", "false",
                "schema.registry.connect.timeout.ms", "250",
                "schema.registry.request.timeout.ms", "750",
                // the producer's own timeout in the same map must not leak into the registry client
                "request.timeout.ms", "30000",
                "omnirouter.value.type", "java.lang.String"));

        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.specificAvroReader()).isFalse();
        assertThat(config.registry().connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.registry().requestTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(config.readerType(false)).isEqualTo(String.class);
        assertThat(config.readerType(true)).isNull();
    }

    @Test
    void missingUrlNamesTheKey() {
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void credentialsNeverShowInToStringOrErrors() {
        SerdeConfig config = SerdeConfig.parse(Map.of(
                "schema.registry.url", "https://registry:8081",
                "basic.auth.user.info", "omni:s3cr3t-pw"));

        assertThat(config.registry().basicAuthUserInfo()).isEqualTo("omni:s3cr3t-pw");
        assertThat(config.toString()).doesNotContain("s3cr3t").contains("basicAuth=[hidden]");
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of("schema.registry.url", "http://omni:s3cr3t-pw@registry:8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.user.info")
                .message().doesNotContain("s3cr3t");
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of("schema.registry.url", "http://r:8081", "basic.auth.user.info", "s3cr3t")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("basic.auth.user.info must have the form user:password");
    }

    @Test
    void onlyHttpUrls() {
        assertThatThrownBy(() -> SerdeConfig.parse(Map.of("schema.registry.url", "localhost:8081")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be http or https");
    }

    @Test
    void aFixedReaderTypeMustBeAGeneratedRecordClass() {
        ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>();

        assertThatThrownBy(() -> deserializer.configure(Map.of(
                "schema.registry.url", "http://localhost:8081", "omnirouter.value.type", "java.lang.String"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessage("omnirouter.value.type must be a generated Avro SpecificRecord class, got java.lang.String");
    }
}
