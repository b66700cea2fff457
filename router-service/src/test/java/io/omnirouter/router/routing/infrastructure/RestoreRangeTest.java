package io.omnirouter.router.routing.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestoreRangeTest {

    @Test
    void coversTheLastWindowOfOffsetsBeforeTheResumeOffset() {
        RestoreRange range = RestoreRange.before(1_000, 0, 100);

        assertThat(range).isEqualTo(new RestoreRange(900, 1_000));
        assertThat(range.contains(899)).isFalse();
        assertThat(range.contains(900)).isTrue();
        assertThat(range.contains(999)).isTrue();
        assertThat(range.contains(1_000)).as("the group resumes there: not yet routed").isFalse();
    }

    @Test
    void aPartitionShorterThanTheWindowIsReadFromItsStart() {
        assertThat(RestoreRange.before(42, 0, 100)).isEqualTo(new RestoreRange(0, 42));
    }

    @Test
    void offsetsDeletedByRetentionAreNotAskedFor() {
        assertThat(RestoreRange.before(1_000, 950, 100)).isEqualTo(new RestoreRange(950, 1_000));
    }

    @Test
    void nothingCommittedYetMeansNothingToRead() {
        assertThat(RestoreRange.before(0, 0, 100).isEmpty()).isTrue();
    }

    @Test
    void aCommittedOffsetThatRetentionHasDeletedMeansNothingToRead() {
        RestoreRange range = RestoreRange.before(500, 800, 100);

        assertThat(range.isEmpty()).isTrue();
        assertThat(range.contains(500)).isFalse();
        assertThat(range.contains(800)).isFalse();
    }
}
