package io.omnirouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TablesTest {

    @Test
    void columnsAreAlignedAndNumbersRightAligned() {
        String table = new TextTable("NAME", "COUNT").numeric(1).row("a", 5).row("longer", 1234).row(null, 0).render();

        assertThat(table.lines()).containsExactly(
                "NAME    COUNT",
                "a           5",
                "longer   1234",
                "-           0");
    }

    @Test
    void lagIsPerGroupAndPartitionWithATotal() {
        String table = LagCommand.render(List.of(
                new LagCommand.Row("router-service", "Stable", new TopicPartition("channel.email", 1), 90, 100),
                new LagCommand.Row("router-service", "Stable", new TopicPartition("channel.email", 0), 50, 50),
                new LagCommand.Row("history", "Empty", new TopicPartition("contact.events", 0), 7, 3)));

        assertThat(table.lines()).containsExactly(
                "GROUP           STATE   TOPIC           PARTITION  COMMITTED  END  LAG",
                "history         Empty   contact.events          0          7    3    0",
                "router-service  Stable  channel.email           0         50   50    0",
                "router-service  Stable  channel.email           1         90  100   10",
                "router-service: total lag 10 over 2 partitions");
    }

    @Test
    void longTextIsCutToOneLine() {
        assertThat(TextTable.abbreviate("a\nb  c", 10)).isEqualTo("a b  c");
        assertThat(TextTable.abbreviate("0123456789abc", 10)).isEqualTo("012345678…");
    }
}
