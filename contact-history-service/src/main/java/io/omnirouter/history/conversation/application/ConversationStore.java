package io.omnirouter.history.conversation.application;

import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.conversation.model.ConversationEntry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads conversations (contacts grouped by thread key) of the contact store. */
public interface ConversationStore {

    /**
     * Up to {@code limit} contacts of the customer's conversation, oldest first (occurredAt, then contact id,
     * both ascending), strictly after {@code after} when given.
     */
    List<ConversationEntry> thread(UUID customerId, String threadKey, Optional<TimelineCursor> after, int limit);
}
