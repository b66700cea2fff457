package io.omnirouter.history.live.application;

import io.omnirouter.history.live.model.LiveEvent;
import java.io.IOException;

/** Where the events of one live-stream client are written; called by one thread at a time. */
public interface LiveSink {

    void send(LiveEvent event) throws IOException;

    /** A comment line: nothing for the client, proof for the network that the stream is alive. */
    void keepAlive() throws IOException;

    /** Ends the stream (the client may reconnect). */
    void close();
}
