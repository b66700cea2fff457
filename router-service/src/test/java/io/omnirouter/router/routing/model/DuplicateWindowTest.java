package io.omnirouter.router.routing.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateWindowTest {

    @Test
    void remembersTheMostRecentIdsUpToItsCapacity() {
        DuplicateWindow window = new DuplicateWindow(3);
        window.rememberAll(List.of("a", "b", "c"));
        assertThat(window.contains("a")).isTrue();

        window.rememberAll(List.of("d"));

        assertThat(window.contains("a")).as("oldest forgotten").isFalse();
        assertThat(window.contains("d")).isTrue();
        assertThat(window.size()).isEqualTo(3);
    }

    @Test
    void seeingAnIdAgainMakesItRecent() {
        DuplicateWindow window = new DuplicateWindow(2);
        window.rememberAll(List.of("a", "b", "a", "c"));
        assertThat(window.contains("a")).isTrue();
        assertThat(window.contains("b")).isFalse();
    }
}
