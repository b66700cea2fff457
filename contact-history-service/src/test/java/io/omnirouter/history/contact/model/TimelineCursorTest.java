package io.omnirouter.history.contact.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimelineCursorTest {

    @Test
    void roundTripsExactlyIncludingSubMillisecondPrecision() {
        TimelineCursor cursor = new TimelineCursor(Instant.parse("2026-03-01T10:15:30.123456Z"), UUID.randomUUID());

        assertThat(TimelineCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void isUrlSafeSoItNeedsNoEscapingInAQueryString() {
        String token = new TimelineCursor(Instant.parse("2026-03-01T10:15:30Z"), UUID.randomUUID()).encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "djF8bm90LWEtdGltZXw=", "djJ8MjAyNi0wMy0wMVQxMDoxNTozMFp8MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAx"})
    void rejectsTokensItDidNotIssue(String token) {
        assertThatThrownBy(() -> TimelineCursor.decode(token)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void rejectsATokenWithAnotherVersion() {
        String v2 = Base64.getUrlEncoder().encodeToString(
                ("v2|2026-03-01T10:15:30Z|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> TimelineCursor.decode(v2)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void aPageOfMoreThanTheLimitPointsAfterItsLastEntry() {
        List<TimelineEntry> fetched = List.of(entry(3), entry(2), entry(1));

        TimelinePage page = TimelinePage.of(fetched, 2);

        assertThat(page.items()).containsExactly(fetched.get(0), fetched.get(1));
        assertThat(page.next()).contains(fetched.get(1).cursorAfter());
    }

    @Test
    void aPageOfAtMostTheLimitIsTheLast() {
        List<TimelineEntry> fetched = List.of(entry(2), entry(1));

        TimelinePage page = TimelinePage.of(fetched, 2);

        assertThat(page.items()).isEqualTo(fetched);
        assertThat(page.next()).isEmpty();
    }

    private static TimelineEntry entry(int minute) {
        return new TimelineEntry(UUID.randomUUID(), Channel.EMAIL, Direction.INBOUND, ContactKind.EMAIL,
                Instant.parse("2026-03-01T10:00:00Z").plusSeconds(60L * minute), "email:<m@x>", null, null, null,
                Intent.QUESTION, Priority.NORMAL, "general", "e-" + minute, Map.of(), null);
    }
}
