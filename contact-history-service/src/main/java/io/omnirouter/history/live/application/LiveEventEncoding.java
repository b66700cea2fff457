package io.omnirouter.history.live.application;

import io.omnirouter.history.live.model.LiveEvent;

/** How an event goes on the wire of the live stream (the web adapter's format); called once per published event. */
@FunctionalInterface
public interface LiveEventEncoding {

    byte[] encode(LiveEvent event);
}
