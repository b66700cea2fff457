package io.omnirouter.personal.seal;

import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import io.omnirouter.personal.keys.AssociatedData;

/**
 * Seals personal data under its data subject's data key ({@code DataKeys}) and opens it again. The key id (contact
 * id or action id) and the topic it is published on are the associated data, so a sealed value opens only for the
 * key id and topic it was sealed for: it cannot be moved to another contact, even one under the same key, nor from a
 * task on {@code followup.tasks} into a contact on {@code contact.events}.
 */
public final class PersonalDataSeal {

    /** Tink AEAD ciphertext of {@code plaintext} under {@code key}, bound to {@code keyId} and {@code topic}. */
    public byte[] seal(Aead key, UUID keyId, String topic, byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        try {
            return key.encrypt(plaintext, AssociatedData.of(keyId, topic));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing personal data for key id " + keyId + " failed", e);
        }
    }

    /**
     * The plaintext of {@code ciphertext}.
     *
     * @throws UnreadablePersonalData if it was not sealed by {@code key} for {@code keyId} and {@code topic}, or was
     *         changed since
     */
    public byte[] open(Aead key, UUID keyId, String topic, byte[] ciphertext) {
        Objects.requireNonNull(ciphertext, "ciphertext");
        try {
            return key.decrypt(ciphertext, AssociatedData.of(keyId, topic));
        } catch (GeneralSecurityException e) {
            throw new UnreadablePersonalData(keyId, ciphertext.length, e);
        }
    }
}
