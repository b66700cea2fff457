package io.omnirouter.history.live.application;

import java.io.IOException;
import java.util.List;

/**
 * Where the events of one live-stream client are written; called by one thread at a time. A sink must never block
 * on its client: what the client's connection cannot take now is its sink's to hold, and until the sink is
 * {@link #ready() ready} again nothing more is written to it (the events wait in the client's bounded queue).
 */
public interface LiveSink {

    /** Writes the events (encoded already), in order, in one go (one flush), without waiting for the client. */
    void send(List<LiveFrame> frames) throws IOException;

    /** A comment line: nothing for the client, proof for the network that the stream is alive. */
    void keepAlive() throws IOException;

    /** Ends the stream (the client may reconnect). */
    void close();

    /** Whether the client's connection took everything written so far, so that more may be written now. */
    default boolean ready() {
        return true;
    }

    /**
     * Since when (System.nanoTime()) the connection has been taking nothing of what was written, or 0 while it takes
     * everything: a client that stays stalled longer than {@code omnirouter.live.send-timeout} is disconnected.
     */
    default long stalledSinceNanos() {
        return 0;
    }

    /** What to run when the sink becomes {@link #ready() ready} again after it was not (resumes the writing). */
    default void whenReady(Runnable resume) {
    }
}
