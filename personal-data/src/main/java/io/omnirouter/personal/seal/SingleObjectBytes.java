package io.omnirouter.personal.seal;

import java.nio.ByteBuffer;

/** The bytes of a buffer (an Avro single-object encoding, a ciphertext field), leaving the buffer as it was. */
public final class SingleObjectBytes {

    private SingleObjectBytes() {
    }

    public static byte[] of(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
