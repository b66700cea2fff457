package io.omnirouter.personal.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * The key-encryption key: it wraps and unwraps the data keys kept in PostgreSQL ({@link JdbcDataKeys}) and never
 * leaves its holder.
 *
 * <p>To the rest of the code the master key is a Tink {@link Aead}, nothing more. That is the type Tink's KMS clients
 * return ({@code KmsClient.getAead(keyUri)} for AWS KMS, Google Cloud KMS, HashiCorp Vault), so a master key held by a
 * real KMS replaces the configured one without code changes: build the {@code Aead} from the KMS client instead of
 * {@link #fromKeyset}. With a remote KMS every wrap and unwrap is a call to it.
 *
 * <p>The configured master key is a cleartext Tink JSON keyset in {@value #SETTING}, with an AES256_GCM primary key.
 * Older keys may stay in the keyset after a rotation, so that data keys wrapped under them still unwrap.
 */
public final class MasterKey {

    /** The setting that holds the configured master keyset. */
    public static final String SETTING = "omnirouter.personal-data.master-key";

    private MasterKey() {
    }

    /**
     * The master key from the value of {@value #SETTING}.
     *
     * @throws IllegalArgumentException if the value is missing, blank, not a Tink JSON keyset or not AES256_GCM; the
     *         message names {@value #SETTING} and does not contain the value
     */
    public static Aead fromKeyset(String tinkJsonKeyset) {
        return ConfiguredKeyset.primitive(SETTING, tinkJsonKeyset, Aead.class, MasterKey::isAes256Gcm,
                "an AES256_GCM key");
    }

    /** A new master keyset (one AES256_GCM key) as cleartext Tink JSON, to put in {@value #SETTING}. */
    public static String newKeyset() {
        return ConfiguredKeyset.generate(PredefinedAeadParameters.AES256_GCM);
    }

    private static boolean isAes256Gcm(Parameters parameters) {
        return parameters instanceof AesGcmParameters gcm && gcm.getKeySizeBytes() == 32;
    }
}
