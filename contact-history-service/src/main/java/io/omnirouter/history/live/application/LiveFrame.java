package io.omnirouter.history.live.application;

import io.omnirouter.history.live.model.LiveEvent;

/**
 * An event with its wire form, encoded once when it is published and written as it is to every client it concerns:
 * a feed of all customers with hundreds of clients would otherwise encode each event once per client.
 */
public record LiveFrame(LiveEvent event, byte[] wire) {
}
