package io.omnirouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.omnirouter.schemas.ContractTopic;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    private final JsonLines email = new JsonLines(ContractTopic.EMAIL.valueSchema(),
            List.of(KeyPath.of(ContractTopic.EMAIL.valueSchema(), "messageId")), null);

    @Test
    void everyNonBlankLineBecomesAKeyedRecord() {
        JsonLines.Result result = email.parse(List.of(
                Samples.strictEmail("e-1", "m-1"), "", "   ", Samples.shortEmail("e-2", "m-2")));

        assertThat(result.valid()).isTrue();
        assertThat(result.entries()).extracting(JsonLines.Entry::lineNumber).containsExactly(1, 4);
        assertThat(result.entries()).extracting(JsonLines.Entry::key).containsExactly("m-1", "m-2");
    }

    @Test
    void theFirstInvalidLineIsNamedWithItsNumberAndTheOthersCounted() {
        JsonLines.Result result = email.parse(List.of(
                Samples.shortEmail("e-1", "m-1"),
                Samples.shortEmail("e-2", "m-2").replace("\"bodyText\":\"Hello\",", ""),
                "not json",
                Samples.shortEmail("e-4", "m-4"),
                "{}"));

        assertThat(result.valid()).isFalse();
        assertThat(result.summary("mails.jsonl"))
                .isEqualTo("mails.jsonl line 2: missing field 'bodyText' (and 2 more invalid lines: 3, 5)");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstLine() {
        assertThat(email.parse(List.of("\uFEFF" + Samples.shortEmail("e-1", "m-1"))).valid()).isTrue();
    }

    @Test
    void aFixedKeyWinsOverTheKeyField() {
        JsonLines fixed = new JsonLines(ContractTopic.EMAIL.valueSchema(), List.of(), "k");

        assertThat(fixed.parse(List.of(Samples.shortEmail("e-1", "m-1"))).entries().get(0).key()).isEqualTo("k");
    }

    @Test
    void rawLinesAreTakenAsTheyAreWithAKeyWhenOneCanBeFound() {
        JsonLines.Result result = email.parseRaw(List.of("{\"not\": \"an email\"}", Samples.shortEmail("e-2", "m-2")),
                JsonLines.RawEncoding.TEXT);

        assertThat(result.valid()).isTrue();
        assertThat(new String(result.entries().get(0).rawValue(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"an email\"}");
        assertThat(result.entries().get(0).key()).isNull();
        assertThat(result.entries().get(1).key()).isEqualTo("m-2");
    }

    @Test
    void rawBase64LinesAreDecoded() {
        byte[] truncated = {0, 0, 0, 0, 7, 2};
        JsonLines.Result result = email.parseRaw(List.of(Base64.getEncoder().encodeToString(truncated), "%%%"),
                JsonLines.RawEncoding.BASE64);

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.lineNumber()).isEqualTo(2);
            assertThat(p.message()).startsWith("not valid base64");
        });
        assertThat(result.entries().get(0).rawValue()).isEqualTo(truncated);
    }
}
