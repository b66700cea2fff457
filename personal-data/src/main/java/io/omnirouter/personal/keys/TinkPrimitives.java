package io.omnirouter.personal.keys;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;

/** Tink's registry must know the AEAD and PRF key types before a keyset of them can be generated, parsed or used. */
final class TinkPrimitives {

    private TinkPrimitives() {
    }

    /** Idempotent: Tink accepts registering the same key managers again. */
    static void register() {
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's AEAD and PRF key types could not be registered", e);
        }
    }
}
