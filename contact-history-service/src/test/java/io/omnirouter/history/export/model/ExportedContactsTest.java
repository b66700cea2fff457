package io.omnirouter.history.export.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.Priority;
import io.omnirouter.history.contact.model.TimelineEntry;
import io.omnirouter.history.conversation.model.ConversationEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExportedContactsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    // The first bit set: UUID.compareTo (signed) puts it first, PostgreSQL (unsigned bytes) last.
    private static final UUID HIGH = UUID.fromString("f0000000-0000-0000-0000-000000000001");
    private static final UUID LOW = UUID.fromString("10000000-0000-0000-0000-000000000001");
    private static final UUID OTHER = UUID.fromString("20000000-0000-0000-0000-000000000001");

    @Test
    void theContactsOfAllThreadsComeOldestFirstWithTiesInTheDatabasesUuidOrder() {
        List<TimelineEntry> listed = List.of(listed(OTHER, "chat:b", T0.plusSeconds(60)), listed(HIGH, "email:a", T0),
                listed(LOW, "email:a", T0));

        List<ConversationEntry> exported = ExportedContacts.oldestFirst(listed,
                List.of(read(HIGH, "email:a", T0), read(LOW, "email:a", T0), read(OTHER, "chat:b", T0.plusSeconds(60))));

        assertThat(exported).extracting(ConversationEntry::contactId).containsExactly(LOW, HIGH, OTHER);
        assertThat(exported).extracting(ConversationEntry::text).containsExactly("text of " + LOW, "text of " + HIGH, "text of " + OTHER);
    }

    @Test
    void eachThreadKeyIsReadOnceInTheOrderTheTimelineNamesIt() {
        assertThat(ExportedContacts.threadKeysOf(List.of(listed(OTHER, "chat:b", T0), listed(HIGH, "email:a", T0),
                listed(LOW, "chat:b", T0)))).containsExactly("chat:b", "email:a");
        assertThat(ExportedContacts.threadKeysOf(List.of())).isEmpty();
    }

    @Test
    void aContactOfTheTimelineThatNoThreadHoldsIsNotSilentlyLeftOut() {
        assertThatIllegalStateException().isThrownBy(() -> ExportedContacts.oldestFirst(
                List.of(listed(LOW, "email:a", T0), listed(HIGH, "email:a", T0)), List.of(read(LOW, "email:a", T0))))
                .withMessageContaining(HIGH.toString());
    }

    @Test
    void aThreadsContactTheTimelineDoesNotListOrAContactReadTwiceIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> ExportedContacts.oldestFirst(
                List.of(listed(LOW, "email:a", T0)), List.of(read(LOW, "email:a", T0), read(HIGH, "email:a", T0))))
                .withMessageContaining("not in the timeline");
        assertThatIllegalStateException().isThrownBy(() -> ExportedContacts.oldestFirst(
                List.of(listed(LOW, "email:a", T0)), List.of(read(LOW, "email:a", T0), read(LOW, "email:a", T0))))
                .withMessageContaining("read twice");
        assertThatIllegalStateException().isThrownBy(() -> ExportedContacts.oldestFirst(
                List.of(listed(LOW, "email:a", T0), listed(LOW, "email:a", T0)), List.of(read(LOW, "email:a", T0))))
                .withMessageContaining("listed twice");
    }

    static TimelineEntry listed(UUID contactId, String threadKey, Instant at) {
        return new TimelineEntry(contactId, Channel.EMAIL, Direction.INBOUND, ContactKind.EMAIL, at, threadKey, "subject",
                "text of…", null, Intent.QUESTION, Priority.NORMAL, "general", "evt-" + contactId, Map.of(), null);
    }

    static ConversationEntry read(UUID contactId, String threadKey, Instant at) {
        return new ConversationEntry(contactId, Channel.EMAIL, Direction.INBOUND, ContactKind.EMAIL, at, threadKey, "subject",
                "text of " + contactId, false, null, Intent.QUESTION, Priority.NORMAL, "general", "evt-" + contactId, null, List.of(),
                Map.of(), null);
    }
}
