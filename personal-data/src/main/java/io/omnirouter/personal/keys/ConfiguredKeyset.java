package io.omnirouter.personal.keys;

import java.security.GeneralSecurityException;
import java.util.function.Predicate;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

/**
 * A Tink keyset given in configuration as cleartext JSON (Tink's JSON keyset format, as {@code tinkey} and
 * {@link #generate} write it), read once at start-up.
 *
 * <p>Every failure is an {@link IllegalArgumentException} that names the setting and never contains its value: the
 * value is a secret, and start-up failures end up in logs. For the same reason Tink's own exception is not chained:
 * a parser's message may quote the text it could not read.
 */
public final class ConfiguredKeyset {

    private ConfiguredKeyset() {
    }

    /**
     * The primitive of the keyset in {@code keysetJson}, whose primary key must satisfy {@code expectedPrimary}.
     *
     * @param setting the configuration setting the keyset came from, for the messages
     * @param expectedKind what {@code expectedPrimary} accepts, for the messages (e.g. "an AES256_GCM key")
     */
    public static <P> P primitive(String setting, String keysetJson, Class<P> primitive,
                                  Predicate<Parameters> expectedPrimary, String expectedKind) {
        if (keysetJson == null || keysetJson.isBlank()) {
            throw new IllegalArgumentException(setting + " is not set: it must be a Tink JSON keyset with "
                    + expectedKind + " as its primary key (personal-data/README.md says how to make one)");
        }
        TinkPrimitives.register();
        KeysetHandle keyset;
        Parameters primary;
        try {
            keyset = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            primary = keyset.getPrimary().getKey().getParameters();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(setting + " is not a Tink JSON keyset with an enabled primary key ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!expectedPrimary.test(primary)) {
            // Parameters describe a key's kind and sizes, never its bytes. A key of the right type whose bytes Tink
            // cannot read shows as its type URL only, hence "readable".
            throw new IllegalArgumentException(setting + " must have " + expectedKind
                    + " as its primary key, readable by Tink; it has: " + primary);
        }
        try {
            return keyset.getPrimitive(RegistryConfiguration.get(), primitive);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " holds a key that Tink cannot use as a "
                    + primitive.getSimpleName() + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A new keyset with one fresh key of {@code parameters}, as cleartext Tink JSON: a secret, handle it as one. */
    public static String generate(Parameters parameters) {
        TinkPrimitives.register();
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(parameters),
                    InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not generate a keyset of " + parameters, e);
        }
    }
}
