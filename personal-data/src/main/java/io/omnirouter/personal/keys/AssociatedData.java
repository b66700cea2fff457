package io.omnirouter.personal.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The associated data that binds a ciphertext to its key id: a wrapped data key to the row it is stored in, a
 * sealed field to its contact or action. Decrypting with another key id fails, so neither can be moved to another.
 */
public final class AssociatedData {

    private AssociatedData() {
    }

    /** The key id's 16 bytes, most significant first. */
    public static byte[] of(UUID keyId) {
        return ByteBuffer.allocate(16)
                .putLong(keyId.getMostSignificantBits())
                .putLong(keyId.getLeastSignificantBits())
                .array();
    }

    /** The key id's 16 bytes, then the topic's UTF-8 bytes: binds a sealed field to its record and its topic. */
    public static byte[] of(UUID keyId, String topic) {
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + name.length)
                .putLong(keyId.getMostSignificantBits())
                .putLong(keyId.getLeastSignificantBits())
                .put(name)
                .array();
    }
}
