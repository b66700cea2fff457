package io.omnirouter.history.search.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.history.contact.model.InvalidCursorException;
import io.omnirouter.history.contact.model.TimelineCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchCursorTest {

    private static final Instant AT = Instant.parse("2026-03-04T08:00:00.123456Z");

    @Test
    void aCursorRoundTripsInEitherPartOfTheAnswer() {
        for (boolean byName : new boolean[] {true, false}) {
            SearchCursor cursor = new SearchCursor(byName, AT, UUID.randomUUID());
            assertThat(SearchCursor.decode(cursor.encode())).isEqualTo(cursor);
        }
    }

    @Test
    void aTimelinesCursorIsNoSearchCursor() {
        String timeline = new TimelineCursor(AT, UUID.randomUUID()).encode();
        assertThatThrownBy(() -> SearchCursor.decode(timeline)).isInstanceOf(InvalidCursorException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "s1|X|2026-03-04T08:00:00Z|00000000-0000-0000-0000-000000000001",
            "s1|N|yesterday|00000000-0000-0000-0000-000000000001", "s1|N|2026-03-04T08:00:00Z|1-2-3-4-5",
            "s1|N|2026-03-04T08:00:00Z|00000000-0000-0000-0000-000000000001|more"})
    void anythingElseIsRefused(String plain) {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SearchCursor.decode(plain.equals("!!!") ? plain : token)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void candidatesAfterACursorAreOlderOrAsOldWithASmallerIdInPostgresOrder() {
        UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID high = UUID.fromString("ffffffff-0000-0000-0000-000000000001");
        SearchCursor at = new SearchCursor(true, AT, high);
        assertThat(new Candidate(low, AT, MatchedBy.NAME).isAfter(at)).as("as old, smaller id (unsigned)").isTrue();
        assertThat(new Candidate(high, AT.minusSeconds(1), MatchedBy.NAME).isAfter(at)).as("older").isTrue();
        assertThat(new Candidate(low, AT.plusSeconds(1), MatchedBy.NAME).isAfter(at)).as("newer").isFalse();
        assertThat(new Candidate(high, AT, MatchedBy.NAME).isAfter(at)).as("itself").isFalse();
    }
}
