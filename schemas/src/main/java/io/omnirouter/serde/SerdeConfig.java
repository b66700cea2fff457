package io.omnirouter.serde;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The serde's Kafka client properties, named like Confluent's where Confluent has a name, so existing
 * producer/consumer configurations carry over.
 *
 * @param valueType reader class for values, or {@code null} to pick the generated class by the writer schema's name
 * @param keyType   the same for keys
 */
public record SerdeConfig(SchemaRegistrySettings registry, boolean autoRegisterSchemas, boolean specificAvroReader,
                          Class<?> keyType, Class<?> valueType) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String KEY_TYPE = "omnirouter.key.type";
    public static final String VALUE_TYPE = "omnirouter.value.type";
    // Prefixed: the same map holds the producer's/consumer's own request.timeout.ms.
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Base URL of a Confluent-compatible schema registry, e.g. http://localhost:8081 or "
                            + "http://localhost:8080/apis/ccompat/v7 (Apicurio).")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "user:password for HTTP basic auth against the registry; unset for none.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Serializer: register the record's schema under the subject; if false, only look its id up.")
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Deserializer: read into the generated SpecificRecord class named like the writer schema "
                            + "(GenericRecord when there is none); if false, always GenericRecord.")
            .define(KEY_TYPE, Type.CLASS, null, Importance.LOW,
                    "Deserializer: fixed SpecificRecord class to read keys into, whatever the writer schema.")
            .define(VALUE_TYPE, Type.CLASS, null, Importance.LOW,
                    "Deserializer: fixed SpecificRecord class to read values into, whatever the writer schema.")
            .define(CONNECT_TIMEOUT_MS, Type.LONG, SchemaRegistrySettings.DEFAULT_CONNECT_TIMEOUT.toMillis(),
                    ConfigDef.Range.atLeast(1), Importance.LOW, "TCP connect timeout towards the registry.")
            .define(REQUEST_TIMEOUT_MS, Type.LONG, SchemaRegistrySettings.DEFAULT_REQUEST_TIMEOUT.toMillis(),
                    ConfigDef.Range.atLeast(1), Importance.LOW, "Timeout of one registry request.");

    /** @throws ConfigException naming the offending key */
    public static SerdeConfig parse(Map<String, ?> configs) {
        Map<String, Object> values = DEFINITION.parse(configs);
        Password userInfo = (Password) values.get(BASIC_AUTH_USER_INFO);
        SchemaRegistrySettings registry;
        try {
            registry = new SchemaRegistrySettings(
                    (String) values.get(SCHEMA_REGISTRY_URL),
                    Duration.ofMillis((Long) values.get(CONNECT_TIMEOUT_MS)),
                    Duration.ofMillis((Long) values.get(REQUEST_TIMEOUT_MS)),
                    userInfo == null || userInfo.value().isEmpty() ? null : userInfo.value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return new SerdeConfig(registry,
                (Boolean) values.get(AUTO_REGISTER_SCHEMAS),
                (Boolean) values.get(SPECIFIC_AVRO_READER),
                (Class<?>) values.get(KEY_TYPE),
                (Class<?>) values.get(VALUE_TYPE));
    }

    public Class<?> readerType(boolean isKey) {
        return isKey ? keyType : valueType;
    }
}
