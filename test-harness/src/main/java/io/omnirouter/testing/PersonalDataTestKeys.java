package io.omnirouter.testing;

import java.util.Map;

/**
 * The personal-data keysets of every test run (docs/personal-data.md): a master key and a hash key, the same for
 * every service and test of the build, so that a router started by one test and a history started by another share
 * their keys, as in production. Test keys only, made for this repository with {@code MasterKey.newKeyset()} and
 * {@code KeyedHash.newKeyset()}: they protect nothing, and no deployment may use them.
 */
public final class PersonalDataTestKeys {

    /** {@code omnirouter.personal-data.master-key}: one AES256_GCM key. */
    public static final String MASTER_KEY = "{\"primaryKeyId\":904140447,\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.AesGcmKey\",\"value\":\"GiBNkM4/I+JGFpD3J7fYr6zxHgGBo01GQ6HibQc2IHJ+ow==\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":904140447,\"outputPrefixType\":\"TINK\"}]}";

    /** {@code omnirouter.personal-data.hash-key}: one HMAC_SHA256_PRF key. */
    public static final String HASH_KEY = "{\"primaryKeyId\":4000438626,\"key\":[{\"keyData\":{\"typeUrl\":\"type.googleapis.com/google.crypto.tink.HmacPrfKey\",\"value\":\"EgIIAxogSo6VTy1j3WhrToo8y5rkKbYAWj+L/FXGrSg1sKaEwzA=\",\"keyMaterialType\":\"SYMMETRIC\"},\"status\":\"ENABLED\",\"keyId\":4000438626,\"outputPrefixType\":\"RAW\"}]}";

    private PersonalDataTestKeys() {
    }

    /** Both as Spring properties. */
    public static Map<String, String> properties() {
        return Map.of("omnirouter.personal-data.master-key", MASTER_KEY, "omnirouter.personal-data.hash-key", HASH_KEY);
    }
}
