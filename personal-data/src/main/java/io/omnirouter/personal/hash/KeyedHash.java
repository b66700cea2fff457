package io.omnirouter.personal.hash;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.prf.HmacPrfParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfSet;
import io.omnirouter.personal.keys.ConfiguredKeyset;

/**
 * A deterministic keyed hash (HMAC-SHA256 as a Tink PRF) for values that must stay stable without being readable:
 * thread keys and Kafka record keys. Equal inputs give equal outputs, so threads and partitions stay as they were;
 * nobody without the key can test a guessed phone number or Message-ID against an output.
 *
 * <p>The key is a cleartext Tink JSON keyset in {@value #SETTING} with an HMAC-SHA256 PRF primary key. Replacing it
 * (or making another key primary) changes every output: new contacts then start new threads and may land on other
 * partitions than their earlier ones.
 */
public final class KeyedHash {

    /** The setting that holds the hash keyset. */
    public static final String SETTING = "omnirouter.personal-data.hash-key";

    /** 128 bits: collisions stay out of reach for any number of threads, and a key stays short. */
    private static final int OUTPUT_BYTES = 16;
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final PrfSet prf;

    private KeyedHash(PrfSet prf) {
        this.prf = prf;
    }

    /**
     * The keyed hash under the value of {@value #SETTING}.
     *
     * @throws IllegalArgumentException if the value is missing, blank, not a Tink JSON keyset or not an HMAC-SHA256
     *         PRF; the message names {@value #SETTING} and does not contain the value
     */
    public static KeyedHash fromKeyset(String tinkJsonKeyset) {
        return new KeyedHash(ConfiguredKeyset.primitive(SETTING, tinkJsonKeyset, PrfSet.class, KeyedHash::isHmacSha256,
                "an HMAC_SHA256_PRF key"));
    }

    /** A new hash keyset (one HMAC_SHA256_PRF key) as cleartext Tink JSON, to put in {@value #SETTING}. */
    public static String newKeyset() {
        return ConfiguredKeyset.generate(PredefinedPrfParameters.HMAC_SHA256_PRF);
    }

    /** The hash of {@code input}'s UTF-8 bytes: 16 bytes, as 22 characters of URL-safe base64 without padding. */
    public String of(String input) {
        Objects.requireNonNull(input, "input");
        try {
            return URL_SAFE.encodeToString(prf.computePrimary(input.getBytes(StandardCharsets.UTF_8), OUTPUT_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The keyed hash failed", e);
        }
    }

    private static boolean isHmacSha256(Parameters parameters) {
        return parameters instanceof HmacPrfParameters hmac
                && hmac.getHashType() == HmacPrfParameters.HashType.SHA256
                && hmac.getKeySizeBytes() >= 32;
    }
}
