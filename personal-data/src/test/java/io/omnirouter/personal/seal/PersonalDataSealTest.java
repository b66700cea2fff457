package io.omnirouter.personal.seal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import org.junit.jupiter.api.Test;

class PersonalDataSealTest {

    private static final String TOPIC = "contact.events";

    private static final String NAME = "Ana Novak, +386 41 123 456";
    private static final byte[] PLAINTEXT = NAME.getBytes(UTF_8);

    private final PersonalDataSeal seal = new PersonalDataSeal();
    private final Aead key = FreshDataKey.create();
    private final UUID contactId = UUID.randomUUID();

    @Test
    void aSealedValueOpensToItsPlaintext() {
        assertThat(seal.open(key, contactId, TOPIC, seal.seal(key, contactId, TOPIC, PLAINTEXT))).isEqualTo(PLAINTEXT);
        assertThat(seal.open(key, contactId, TOPIC, seal.seal(key, contactId, TOPIC, new byte[0]))).isEmpty();
    }

    /** Equal plaintexts must not show as equal ciphertexts on the log. */
    @Test
    void sealingTheSameValueTwiceGivesDifferentCiphertexts() {
        assertThat(seal.seal(key, contactId, TOPIC, PLAINTEXT)).isNotEqualTo(seal.seal(key, contactId, TOPIC, PLAINTEXT));
    }

    @Test
    void aValueSealedForOneTopicDoesNotOpenForAnother() {
        byte[] sealed = seal.seal(key, contactId, "followup.tasks", PLAINTEXT);

        assertThatThrownBy(() -> seal.open(key, contactId, TOPIC, sealed)).isInstanceOf(UnreadablePersonalData.class);
    }

    @Test
    void openingForAnotherKeyIdFailsSayingWhyWithoutThePlaintext() {
        byte[] sealed = seal.seal(key, contactId, TOPIC, PLAINTEXT);
        UUID otherContact = UUID.randomUUID();

        assertThatThrownBy(() -> seal.open(key, otherContact, TOPIC, sealed))
                .isInstanceOfSatisfying(UnreadablePersonalData.class, e -> assertThat(e.keyId()).isEqualTo(otherContact))
                .hasMessageContaining(otherContact.toString())
                .hasMessageContaining("sealed for another key id")
                .hasMessageNotContaining("Ana");
    }

    @Test
    void openingUnderAnotherKeyFails() {
        byte[] sealed = seal.seal(key, contactId, TOPIC, PLAINTEXT);

        assertThatThrownBy(() -> seal.open(FreshDataKey.create(), contactId, TOPIC, sealed))
                .isInstanceOf(UnreadablePersonalData.class);
    }

    @Test
    void aChangedByteMakesItUnreadable() {
        byte[] sealed = seal.seal(key, contactId, TOPIC, PLAINTEXT);

        for (int position : new int[] {0, 5, sealed.length / 2, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[position] ^= 1;

            assertThatThrownBy(() -> seal.open(key, contactId, TOPIC, tampered))
                    .isInstanceOf(UnreadablePersonalData.class)
                    .hasMessageContaining("its bytes were changed")
                    .hasMessageNotContaining("Ana");
        }
    }

    @Test
    void aCutOrEmptyCiphertextIsUnreadable() {
        byte[] sealed = seal.seal(key, contactId, TOPIC, PLAINTEXT);

        assertThatThrownBy(() -> seal.open(key, contactId, TOPIC, Arrays.copyOf(sealed, sealed.length - 1)))
                .isInstanceOf(UnreadablePersonalData.class);
        assertThatThrownBy(() -> seal.open(key, contactId, TOPIC, new byte[0]))
                .isInstanceOf(UnreadablePersonalData.class)
                .hasMessageContaining("(0 bytes)");
    }
}
