package io.omnirouter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.WebShopEvent;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    private static final org.apache.avro.Schema EMAIL = EmailEvent.getClassSchema();

    @Test
    void readsAvrosStrictJsonEncoding() {
        GenericRecord email = AvroJson.decode(EMAIL, Samples.strictEmail("e-1", "m-1"));

        assertThat(email.get("messageId").toString()).isEqualTo("m-1");
        assertThat(((GenericRecord) email.get("customer")).get("email").toString()).isEqualTo("Ana.Novak@Example.com");
        assertThat(((GenericRecord) email.get("meta")).get("occurredAt")).isEqualTo(1772357400000L);
    }

    @Test
    void optionalFieldsMayBeLeftOutUnionsBareAndTimestampsIso() {
        GenericRecord email = AvroJson.decode(EMAIL, Samples.shortEmail("e-2", "m-2"));

        GenericRecord meta = (GenericRecord) email.get("meta");
        assertThat(meta.get("tenant")).isNull();
        assertThat(meta.get("occurredAt")).isEqualTo(java.time.Instant.parse("2026-03-01T09:30:00Z").toEpochMilli());
        assertThat(((GenericRecord) email.get("customer")).get("email").toString()).isEqualTo("ana@example.com");
        assertThat(email.get("inReplyTo")).isNull();
    }

    @Test
    void whatItWritesItReadsBackUnchanged() {
        GenericRecord email = AvroJson.decode(EMAIL, Samples.shortEmail("e-3", "m-3"));
        String json = AvroJson.encode(EMAIL, email);

        assertThat(json).doesNotContain("\n").contains("\"email\":{\"string\":\"ana@example.com\"}");
        assertThat(AvroJson.decode(EMAIL, json)).isEqualTo(email);
    }

    @Test
    void namesTheMissingRequiredField() {
        String line = Samples.shortEmail("e", "m").replace("\"subject\":\"Where is my order?\",", "");

        assertThatThrownBy(() -> AvroJson.decode(EMAIL, line)).hasMessage("missing field 'subject'");
    }

    @Test
    void namesAnUnknownFieldWithItsPath() {
        String line = Samples.shortEmail("e", "m").replace("\"source\":\"imap-test\"", "\"source\":\"imap-test\",\"tennant\":\"x\"");

        assertThatThrownBy(() -> AvroJson.decode(EMAIL, line))
                .hasMessageStartingWith("unknown field 'meta.tennant' (EventMeta has eventId, occurredAt, source, tenant)");
    }

    @Test
    void namesWrongTypesAndUnknownEnumSymbols() {
        assertThatThrownBy(() -> AvroJson.decode(EMAIL, Samples.shortEmail("e", "m").replace("\"INBOUND\"", "\"SIDEWAYS\"")))
                .hasMessage("field 'direction': unknown symbol 'SIDEWAYS' of enum Direction (one of INBOUND, OUTBOUND)");
        assertThatThrownBy(() -> AvroJson.decode(EMAIL, Samples.shortEmail("e", "m").replace("\"ana@example.com\"", "42")))
                .hasMessage("field 'customer.email': expected null or string, got 42");
        assertThatThrownBy(() -> AvroJson.decode(EMAIL, Samples.shortEmail("e", "m").replace("\"2026-03-01T09:30:00Z\"", "\"yesterday\"")))
                .hasMessage("field 'meta.occurredAt': 'yesterday' is not an ISO-8601 timestamp (2026-03-01T09:30:00Z)");
        assertThatThrownBy(() -> AvroJson.decode(EMAIL, Samples.shortEmail("e", "m").replace("\"references\":[]", "\"references\":[1]")))
                .hasMessage("field 'references[0]': expected a string, got 1");
    }

    @Test
    void reportsJsonSyntaxErrorsWithTheColumn() {
        assertThatThrownBy(() -> AvroJson.decode(EMAIL, "{\"meta\": "))
                .hasMessageStartingWith("not valid JSON at column 10: ");
        assertThatThrownBy(() -> AvroJson.decode(EMAIL, Samples.shortEmail("e", "m") + " {}"))
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> AvroJson.decode(EMAIL, "[1, 2]"))
                .hasMessage("expected an object (EmailEvent), got an array");
    }

    @Test
    void wrappedUnionBranchesMayUseTheShortName() {
        GenericRecord shop = AvroJson.decode(WebShopEvent.getClassSchema(), Samples.webshop("e", "C-1", null)
                .replace("\"shopCustomerId\":\"C-1\"", "\"shopCustomerId\":{\"string\":\"C-1\"}"));

        assertThat(((GenericRecord) shop.get("customer")).get("shopCustomerId").toString()).isEqualTo("C-1");
    }
}
