package io.omnirouter.personal.keys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.omnirouter.personal.hash.KeyedHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MasterKeyTest {

    private static final byte[] ASSOCIATED_DATA = "a key id".getBytes(UTF_8);
    private static final Pattern KEY_VALUE = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void aNewMasterKeysetDecryptsWhatItEncrypted() throws Exception {
        Aead masterKey = MasterKey.fromKeyset(MasterKey.newKeyset());
        byte[] dataKey = "a data key".getBytes(UTF_8);

        assertThat(masterKey.decrypt(masterKey.encrypt(dataKey, ASSOCIATED_DATA), ASSOCIATED_DATA)).isEqualTo(dataKey);
    }

    /** A restart reads the setting again: what the instance wrapped before must still unwrap. */
    @Test
    void theSameSettingReadAgainIsTheSameMasterKey() throws Exception {
        String keyset = MasterKey.newKeyset();
        byte[] wrapped = MasterKey.fromKeyset(keyset).encrypt("a data key".getBytes(UTF_8), ASSOCIATED_DATA);

        assertThat(MasterKey.fromKeyset(keyset).decrypt(wrapped, ASSOCIATED_DATA)).asString(UTF_8).isEqualTo("a data key");
    }

    @Test
    void newKeysetsAreDifferentKeys() {
        assertThat(MasterKey.newKeyset()).isNotEqualTo(MasterKey.newKeyset());
        Aead one = MasterKey.fromKeyset(MasterKey.newKeyset());
        Aead other = MasterKey.fromKeyset(MasterKey.newKeyset());

        assertThatThrownBy(() -> other.decrypt(one.encrypt(new byte[] {1}, ASSOCIATED_DATA), ASSOCIATED_DATA))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\n\t "})
    void aMissingOrBlankSettingFailsNamingTheSetting(String value) {
        assertThatThrownBy(() -> MasterKey.fromKeyset(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("omnirouter.personal-data.master-key is not set");
    }

    @Test
    void aMalformedSettingFailsNamingTheSettingWithoutEchoingTheValue() {
        String keyset = MasterKey.newKeyset();
        String secret = keyMaterial(keyset);
        String cut = keyset.substring(0, keyset.indexOf(secret) + secret.length() - 4);
        String wrongValue = keyset.replace(secret, "c2VjcmV0LWJ1dC1ub3QtYS1rZXk");

        for (String malformed : new String[] {cut, wrongValue, "secret-but-no-json", "{\"primaryKeyId\": 7, \"key\": []}"}) {
            assertThatThrownBy(() -> MasterKey.fromKeyset(malformed))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("omnirouter.personal-data.master-key ")
                    .hasMessageNotContaining(malformed)
                    .hasMessageNotContaining(secret.substring(0, 12))
                    .hasMessageNotContaining("secret")
                    .hasNoCause();
        }
    }

    @Test
    void aKeysetOfAnotherKindFailsNamingTheSettingAndTheKindItNeeds() {
        String aes128 = ConfiguredKeyset.generate(PredefinedAeadParameters.AES128_GCM);
        String hashKey = KeyedHash.newKeyset();

        for (String wrongKind : new String[] {aes128, hashKey}) {
            assertThatThrownBy(() -> MasterKey.fromKeyset(wrongKind))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("omnirouter.personal-data.master-key must have an AES256_GCM key as its primary key")
                    .hasMessageNotContaining(keyMaterial(wrongKind));
        }
    }

    private static String keyMaterial(String keysetJson) {
        Matcher value = KEY_VALUE.matcher(keysetJson);
        assertThat(value.find()).as("a key value in %s", "the generated keyset").isTrue();
        return value.group(1);
    }
}
