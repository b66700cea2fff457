package io.omnirouter.personal.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.personal.keys.MasterKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyedHashTest {

    /**
     * An HMAC_SHA256_PRF keyset whose key is the bytes 0x00..0x1f, written by hand from Tink's HmacPrfKey proto
     * (params: SHA256; key_value: 32 bytes). A test key, for the known answers below; never configure it.
     */
    private static final String KNOWN_KEYSET = """
            {"primaryKeyId": 1234567890, "key": [{"keyData": {"typeUrl": "type.googleapis.com/google.crypto.tink.HmacPrfKey", \
            "value": "EgIIAxogAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "keyMaterialType": "SYMMETRIC"}, \
            "status": "ENABLED", "keyId": 1234567890, "outputPrefixType": "RAW"}]}""";

    private final String keyset = KeyedHash.newKeyset();

    @Test
    void equalInputsGiveEqualHashesAlsoAfterARestart() {
        KeyedHash hash = KeyedHash.fromKeyset(keyset);

        assertThat(hash.of("email:<order-4711@shop.example>")).isEqualTo(hash.of("email:<order-4711@shop.example>"))
                .isEqualTo(KeyedHash.fromKeyset(keyset).of("email:<order-4711@shop.example>"));
    }

    @Test
    void aHashIsSixteenBytesOfUrlSafeBase64WithoutPadding() {
        assertThat(KeyedHash.fromKeyset(keyset).of("+38641123456")).matches("[A-Za-z0-9_-]{22}");
        assertThat(KeyedHash.fromKeyset(keyset).of("")).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void differentInputsGiveDifferentHashes() {
        KeyedHash hash = KeyedHash.fromKeyset(keyset);

        assertThat(hash.of("+38641123456")).isNotEqualTo(hash.of("+38641123457"));
    }

    @Test
    void anotherKeyGivesOtherHashes() {
        assertThat(KeyedHash.fromKeyset(keyset).of("+38641123456"))
                .isNotEqualTo(KeyedHash.fromKeyset(KeyedHash.newKeyset()).of("+38641123456"));
    }

    /**
     * Thread keys and record keys are on the logs for good: a Tink upgrade must not change a single hash. The expected
     * values are HMAC-SHA256 under the known key truncated to 16 bytes, computed outside Java (Python's hmac module).
     */
    @Test
    void theHashIsHmacSha256TruncatedToSixteenBytesAndNeverChanges() {
        KeyedHash hash = KeyedHash.fromKeyset(KNOWN_KEYSET);

        assertThat(hash.of("email:<order-4711@shop.example>")).isEqualTo("k9g389VqWHShoxc1X0G0MA");
        assertThat(hash.of("+38641123456")).isEqualTo("qTN8xUaDDu2KvgkAgCZALA");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "{\"primaryKeyId\": 7, \"key\": [", "secret-but-no-json"})
    void aMissingOrMalformedSettingFailsNamingTheSettingWithoutEchoingTheValue(String value) {
        assertThatThrownBy(() -> KeyedHash.fromKeyset(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("omnirouter.personal-data.hash-key is not")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aMasterKeysetIsNoHashKey() {
        assertThatThrownBy(() -> KeyedHash.fromKeyset(MasterKey.newKeyset()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("omnirouter.personal-data.hash-key must have an HMAC_SHA256_PRF key");
    }
}
