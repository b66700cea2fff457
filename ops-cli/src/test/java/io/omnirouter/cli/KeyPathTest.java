package io.omnirouter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.omnirouter.schemas.ContractTopic;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class KeyPathTest {

    @Test
    void emailIsKeyedByMessageId() {
        assertThat(defaultKey(ContractTopic.EMAIL, Samples.shortEmail("e-1", "<m-1@example.com>"))).isEqualTo("<m-1@example.com>");
    }

    @Test
    void webShopIsKeyedByShopCustomerIdElseOrderIdElseEventId() {
        assertThat(defaultKey(ContractTopic.WEBSHOP, Samples.webshop("e-1", "C-7", "O-9"))).isEqualTo("C-7");
        assertThat(defaultKey(ContractTopic.WEBSHOP, Samples.webshop("e-1", null, "O-9"))).isEqualTo("O-9");
        assertThat(defaultKey(ContractTopic.WEBSHOP, Samples.webshop("e-1", null, null))).isEqualTo("e-1");
    }

    @Test
    void everyContractTopicHasAValidDefaultKeyRule() {
        for (ContractTopic topic : ContractTopic.values()) {
            Topics.defaultKeyFields(topic).forEach(path -> KeyPath.of(topic.valueSchema(), path));
        }
        assertThat(Topics.defaultKeyFields(ContractTopic.PHONE)).containsExactly("callId");
        assertThat(Topics.defaultKeyFields(ContractTopic.CHAT)).containsExactly("sessionId");
        assertThat(Topics.defaultKeyFields(ContractTopic.CONTACT_EVENTS)).containsExactly("threadKey");
        assertThat(Topics.defaultKeyFields(ContractTopic.FOLLOWUP_TASKS)).containsExactly("customerId");
        assertThat(Topics.defaultKeyFields(ContractTopic.AGENT_ACTIONS)).containsExactly("customerId", "actionId");
    }

    @Test
    void anExplicitPathIsCheckedAgainstTheSchema() {
        var schema = ContractTopic.EMAIL.valueSchema();
        GenericRecord email = AvroJson.decode(schema, Samples.shortEmail("e-1", "m-1"));

        assertThat(KeyPath.of(schema, "customer.email").keyOf(email)).isEqualTo("ana@example.com");
        assertThat(KeyPath.of(schema, "customer.phone").keyOf(email)).isNull();
        assertThatThrownBy(() -> KeyPath.of(schema, "customer.mail"))
                .hasMessageStartingWith("key field 'customer.mail': CustomerRef has no field 'mail' (fields: phone, email,");
        assertThatThrownBy(() -> KeyPath.of(schema, "customer")).hasMessage("key field 'customer' is a record, not a single value");
        assertThatThrownBy(() -> KeyPath.of(schema, "messageId.x")).hasMessage("key field 'messageId.x': 'messageId' is not a record");
    }

    private static String defaultKey(ContractTopic topic, String line) {
        List<KeyPath> paths = Topics.defaultKeyFields(topic).stream().map(p -> KeyPath.of(topic.valueSchema(), p)).toList();
        return KeyPath.firstKey(paths, AvroJson.decode(topic.valueSchema(), line));
    }
}
