package io.omnirouter.testing;

/**
 * Finding bytes in bytes, for tests that take apart raw HTTP responses or Avro records. Hand-written because the JDK
 * has no byte-array search and no library on the harness's classpath offers one.
 */
public final class ByteSearch {

    private ByteSearch() {
    }

    /** The first index at or after {@code from} where {@code needle} starts in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
