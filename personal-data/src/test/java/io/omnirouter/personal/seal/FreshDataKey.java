package io.omnirouter.personal.seal;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/** A data key as {@code JdbcDataKeys} creates one (a Tink keyset with one AES256_GCM key), without a database. */
public final class FreshDataKey {

    private FreshDataKey() {
    }

    public static Aead create() {
        try {
            AeadConfig.register();
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
