package io.omnirouter.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Hostile corpus kind invalid-utf8: a string Avro would silently turn into U+FFFD fails the record instead. */
class StrictUtf8Test {

    private static final Schema NOTE = new Schema.Parser().parse("""
            {"type": "record", "name": "Note", "fields": [{"name": "text", "type": "string"}]}""");

    @Test
    void malformedOrOverlongUtf8IsRefusedNamingTheProblemNotTheBytes() {
        // length 6 (zig-zag 0x0c), then 0xc3 0x28 (malformed), 0xff, 0xc0 0xaf (overlong '/'), 'A'
        assertThatThrownBy(() -> check("0cc328ffc0af41"))
                .isInstanceOf(AvroTypeException.class)
                .hasMessage("Field \"text\" content mismatch: a string of 6 bytes is not valid UTF-8 (a malformed or overlong byte sequence)");
    }

    @Test
    void validTextIncludingAnEncodedReplacementCharacterPasses() {
        // "Ana ✓ \uFFFD": a correctly encoded U+FFFD is text like any other
        assertThatCode(() -> check("16416e6120e29c9320efbfbd")).doesNotThrowAnyException();
    }

    @Test
    void onlyValuesHoldingAReplacementCharacterAreReadAgain() {
        assertThat(StrictUtf8.mayHoldMalformed(List.of("a", Map.of("k", "b\uFFFD")))).isTrue();
        assertThat(StrictUtf8.mayHoldMalformed(List.of("a", Map.of("k", "b"), 3L))).isFalse();
    }

    private static void check(String hex) throws IOException {
        byte[] bytes = HexFormat.of().parseHex(hex);
        StrictUtf8.check(NOTE, bytes, 0, bytes.length);
    }
}
