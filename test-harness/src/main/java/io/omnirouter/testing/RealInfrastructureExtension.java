package io.omnirouter.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@link RealInfrastructure} before the first test class that needs it (once per JVM, the
 * engines stop at JVM exit) and empties the database before each test, so tests never see each
 * other's rows. Kafka topics and registry subjects are not reset: use unique names or keys per test.
 */
public class RealInfrastructureExtension implements BeforeAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        RealInfrastructure.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RealInfrastructure.cleanDatabase();
    }
}
