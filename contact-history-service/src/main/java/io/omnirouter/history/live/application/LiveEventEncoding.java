package io.omnirouter.history.live.application;

import io.omnirouter.history.live.model.LiveChange;
import io.omnirouter.history.live.model.LiveEvent;

/** How the live stream's events go on the wire (the web adapter's format). */
public interface LiveEventEncoding {

    /** The event's data as the stream sends it, kept with the change. */
    String data(LiveEvent event);

    /** The change as one message of the stream, with its position as its id: once per change, for every client. */
    byte[] frame(LiveChange change);
}
