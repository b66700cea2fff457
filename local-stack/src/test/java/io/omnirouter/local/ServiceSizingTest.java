package io.omnirouter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceSizingTest {

    @Test
    void everyPartOfTheMemoryIsBoundedExplicitly() {
        assertThat(ServiceSizing.HISTORY.jvmArguments()).containsExactly("-Xms192m", "-Xmx192m", "-XX:MaxMetaspaceSize=128m",
                "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=128m", "-Xss512k", "-Djdk.nio.maxCachedBufferSize=1048576");
        assertThat(ServiceSizing.ROUTER.environment()).containsEntry("MALLOC_ARENA_MAX", "2")
                .containsEntry("SERVER_TOMCAT_THREADS_MAX", "8").containsEntry("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "4");
    }

    @Test
    void aSizingTooSmallToStartAServiceIsRefused() {
        assertThatThrownBy(() -> new ServiceSizing(16, 128, 64, 32, 512, 2, 8, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heapMb is 16");
    }
}
