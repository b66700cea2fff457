package io.omnirouter.history.audit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.history.contact.model.InvalidCursorException;
import io.omnirouter.history.contact.model.TimelineCursor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadAuditCursorTest {

    private static final Instant T0 = Instant.parse("2026-05-04T10:15:30.123456Z");

    @Test
    void roundTripsExactlyIncludingMicrosecondsAndLargeIds() {
        ReadAuditCursor cursor = new ReadAuditCursor(T0, Long.MAX_VALUE);

        assertThat(ReadAuditCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
        // The layout the refusals below depart from.
        assertThat(ReadAuditCursor.decode(base64("a1|2026-05-04T10:15:30Z|7")))
                .isEqualTo(new ReadAuditCursor(Instant.parse("2026-05-04T10:15:30Z"), 7));
    }

    @Test
    void aTimelineCursorIsNotOne() {
        String timeline = new TimelineCursor(T0, UUID.randomUUID()).encode();

        assertThatThrownBy(() -> ReadAuditCursor.decode(timeline)).isInstanceOf(InvalidCursorException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "a1|2026-05-04T10:15:30Z|+7", "a1|2026-05-04T10:15:30Z|",
            "a1|2026-05-04T10:15:30Z|7|8", "a1|yesterday|7", "a2|2026-05-04T10:15:30Z|7", "a1|2026-05-04T10:15:30Z|99999999999999999999"})
    void refusesTokensItDidNotIssue(String plain) {
        // The first two are not Base64 of anything; the rest are Base64 of text encode never writes.
        String token = plain.startsWith("a") ? base64(plain) : plain;

        assertThatThrownBy(() -> ReadAuditCursor.decode(token)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void aPageOfMoreThanTheLimitPointsAfterItsLastRead() {
        List<RecordedRead> fetched = List.of(read(3, T0.plusSeconds(2)), read(2, T0.plusSeconds(1)), read(1, T0));

        ReadAuditPage page = ReadAuditPage.of(fetched, 2);

        assertThat(page.items()).containsExactly(fetched.get(0), fetched.get(1));
        assertThat(page.next()).contains(new ReadAuditCursor(T0.plusSeconds(1), 2));
    }

    @Test
    void aPageOfAtMostTheLimitIsTheLast() {
        List<RecordedRead> fetched = List.of(read(2, T0.plusSeconds(1)), read(1, T0));

        ReadAuditPage page = ReadAuditPage.of(fetched, 2);

        assertThat(page.items()).containsExactlyElementsOf(fetched);
        assertThat(page.next()).isEmpty();
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static RecordedRead read(long id, Instant at) {
        return new RecordedRead(id, new CustomerRead(at, "agent", List.of("AGENT"), UUID.randomUUID(),
                "GET /api/customers/{customerId}", null, "history-1"));
    }
}
