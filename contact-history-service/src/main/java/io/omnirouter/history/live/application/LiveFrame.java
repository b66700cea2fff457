package io.omnirouter.history.live.application;

import io.omnirouter.history.live.model.LiveChange;

/**
 * A change with its wire form, encoded once when it is published and written as it is to every client it concerns:
 * a feed of all customers with hundreds of clients would otherwise encode each change once per client.
 */
public record LiveFrame(LiveChange change, byte[] wire) {
}
