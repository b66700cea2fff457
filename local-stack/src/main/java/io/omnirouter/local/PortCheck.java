package io.omnirouter.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fails early, naming the port and its use, when something else already listens on a port the stack needs. */
final class PortCheck {

    private PortCheck() {
    }

    /** @param ports port → what the stack uses it for, in the order to report them */
    static void ensureFree(Map<Integer, String> ports) {
        List<String> taken = new ArrayList<>();
        ports.forEach((port, use) -> {
            if (!isFree(port)) {
                taken.add(port + " (" + use + ")");
            }
        });
        if (taken.isEmpty()) {
            return;
        }
        String first = taken.get(0).substring(0, taken.get(0).indexOf(' '));
        throw new StackException((taken.size() == 1 ? "Port " : "Ports ") + String.join(", ", taken)
                + (taken.size() == 1 ? " is" : " are") + " already in use. Is another Omnirouter, Kafka or PostgreSQL running?"
                + " Stop it and try again (see who listens: ss -ltnp 'sport = :" + first + "').");
    }

    /**
     * Binds the wildcard address as the services will. SO_REUSEADDR (the default here) ignores connections
     * of a just-stopped stack lingering in TIME_WAIT, but not a listener.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
