package io.omnirouter.testing.avro;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * One decode attempt, measured: what it returned or threw, and how many bytes the decoding thread
 * allocated meanwhile (HotSpot's per-thread allocation counter, exact to the TLAB, not sampled).
 *
 * @param value     what the decoder returned, or null when it threw
 * @param thrown    what it threw (any Throwable, so that a property can name an OutOfMemoryError), or null
 * @param allocated bytes allocated by this thread during the attempt
 */
public record Decoding(Object value, Throwable thrown, long allocated) {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static Decoding of(Supplier<?> decode) {
        long thread = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(thread);
        Object value = null;
        Throwable thrown = null;
        try {
            value = decode.get();
        } catch (Throwable t) {
            // Errors too: an OutOfMemoryError from a length prefix is exactly what the properties look for.
            thrown = t;
        }
        return new Decoding(value, thrown, THREADS.getThreadAllocatedBytes(thread) - before);
    }
}
