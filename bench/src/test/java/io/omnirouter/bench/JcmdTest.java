package io.omnirouter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JcmdTest {

    @Test
    void countersThatNameAMethodEndingInErrorAreNotAFailure() {
        String counters = """
                java.ci.totalTime=1714614370
                sun.ci.lastMethod="org/apache/kafka/clients/producer/internals/TransactionManager maybeFailWithError"
                sun.ci.lastFailedMethod=""
                sun.ci.totalCompiles=5120
                """;

        assertThat(Jcmd.reportsFailure(counters)).isFalse();
    }

    @Test
    void anExceptionOrAnErrorLineIsAFailure() {
        assertThat(Jcmd.reportsFailure("4826:\njava.lang.IllegalArgumentException: Unknown diagnostic command\n"))
                .isTrue();
        assertThat(Jcmd.reportsFailure("4826:\nError: could not attach to the process\n")).isTrue();
        assertThat(Jcmd.reportsFailure("4826:\njdk.jfr.internal.SomeError\n")).isTrue();
    }
}
