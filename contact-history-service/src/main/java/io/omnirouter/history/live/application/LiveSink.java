package io.omnirouter.history.live.application;

import io.omnirouter.history.live.model.LiveEvent;
import java.io.IOException;
import java.util.List;

/** Where the events of one live-stream client are written; called by one thread at a time. */
public interface LiveSink {

    /** Writes the events, in order, in one go (one flush). */
    void send(List<LiveEvent> events) throws IOException;

    /** A comment line: nothing for the client, proof for the network that the stream is alive. */
    void keepAlive() throws IOException;

    /** Ends the stream (the client may reconnect). */
    void close();
}
