package io.omnirouter.local;

/** The fixed local ports, documented in the README; the services' defaults point at them too. */
final class LocalPorts {

    static final int KAFKA = 9092;
    /** KRaft controller listener of the combined-mode broker. */
    static final int KAFKA_CONTROLLER = 9093;
    static final int REGISTRY = 8081;
    static final int POSTGRES = 5432;
    static final int HISTORY = 8080;
    static final int ROUTER_MANAGEMENT = 8082;

    static final String KAFKA_BOOTSTRAP = "localhost:" + KAFKA;
    static final String REGISTRY_URL = "http://localhost:" + REGISTRY + "/apis/ccompat/v7";

    private LocalPorts() {
    }
}
