package io.omnirouter.personal.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Whatever the personal data, it opens to itself for its key id, and a single changed bit anywhere makes it unreadable. */
class PersonalDataSealProperties {

    private static final String TOPIC = "contact.events";

    private final PersonalDataSeal seal = new PersonalDataSeal();
    private final Aead key = FreshDataKey.create();
    private final UUID keyId = UUID.randomUUID();

    @Test
    void anyPlaintextOpensToItself() {
        qt().forAll(plaintexts()).checkAssert(plaintext ->
                assertThat(seal.open(key, keyId, TOPIC, seal.seal(key, keyId, TOPIC, plaintext))).isEqualTo(plaintext));
    }

    @Test
    void anyChangedBitMakesItUnreadable() {
        qt().forAll(plaintexts(), integers().allPositive(), integers().between(0, 7)).checkAssert((plaintext, at, bit) -> {
            byte[] tampered = seal.seal(key, keyId, TOPIC, plaintext);
            tampered[at % tampered.length] ^= (byte) (1 << bit);

            assertThatThrownBy(() -> seal.open(key, keyId, TOPIC, tampered)).isInstanceOf(UnreadablePersonalData.class);
        });
    }

    private static Gen<byte[]> plaintexts() {
        return lists().of(integers().between(Byte.MIN_VALUE, Byte.MAX_VALUE)).ofSizeBetween(0, 512).map(PersonalDataSealProperties::bytes);
    }

    private static byte[] bytes(List<Integer> values) {
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = values.get(i).byteValue();
        }
        return bytes;
    }
}
