package io.omnirouter.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.WithRealInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Several instances starting at once register the same new subject at the same moment (the fault harness found two
 * routers doing so: the registry answered one of them 409 "already exists", and that router did not start). Each
 * must get the schema's id.
 */
@WithRealInfrastructure
class SchemaRegistrationRaceIT {

    /** As many as register at once in production shapes: two routers, and an ops CLI now and then. */
    private static final int INSTANCES = 3;

    @RepeatedTest(5)
    void instancesRegisteringTheSameNewSubjectAtOnceAllGetItsId() {
        String subject = "race-" + UUID.randomUUID() + "-value";
        Schema schema = SchemaBuilder.record("Race").namespace("io.omnirouter.test").fields().requiredString("id").endRecord();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> registering = new ArrayList<>();
        for (int instance = 0; instance < INSTANCES; instance++) {
            SchemaRegistryClient client = new SchemaRegistryClient(RealInfrastructure.registryUrl());
            registering.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return client.register(subject, schema);
            }));
        }
        start.countDown();

        List<Integer> ids = registering.stream().map(CompletableFuture::join).toList();

        assertThat(ids).hasSize(INSTANCES).containsOnly(ids.get(0));
    }
}
