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
    void aBlankKeyFieldIsNoKey() {
        assertThat(defaultKey(ContractTopic.WEBSHOP, Samples.webshop("e-1", " ", "O-9"))).isEqualTo("O-9");
    }

    @Test
    void socialIsKeyedByConversationId() {
        assertThat(defaultKey(ContractTopic.SOCIAL, Samples.whatsApp("e-1", "conv-1"))).isEqualTo("conv-1");
    }

    @Test
    void everyContractTopicsKeyFieldsAreSingleValuesOfItsSchema() {
        for (ContractTopic topic : ContractTopic.values()) {
            assertThat(topic.keyFields()).as(topic.topic()).isNotEmpty()
                    .allSatisfy(path -> KeyPath.of(topic.valueSchema(), path));
        }
        assertThat(Topics.keyRules()).contains("channel.social: conversationId",
                "channel.webshop: customer.shopCustomerId, else orderId, else meta.eventId", "agent.actions: customerId, else actionId");
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
        List<KeyPath> paths = topic.keyFields().stream().map(p -> KeyPath.of(topic.valueSchema(), p)).toList();
        String key = KeyPath.firstKey(paths, AvroJson.decode(topic.valueSchema(), line));
        assertThat(key).as("as the contract keys it").isEqualTo(topic.recordKey(AvroJson.decode(topic.valueSchema(), line)).orElse(null));
        return key;
    }
}
