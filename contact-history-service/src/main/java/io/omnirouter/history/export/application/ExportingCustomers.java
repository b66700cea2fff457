package io.omnirouter.history.export.application;

import io.omnirouter.history.consent.application.ReadingConsents;
import io.omnirouter.history.contact.application.ReadingTimeline;
import io.omnirouter.history.contact.application.TimelineProperties;
import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.contact.model.TimelineEntry;
import io.omnirouter.history.contact.model.TimelineFilter;
import io.omnirouter.history.contact.model.TimelinePage;
import io.omnirouter.history.conversation.application.ConversationProperties;
import io.omnirouter.history.conversation.application.ReadingConversations;
import io.omnirouter.history.conversation.model.ConversationEntry;
import io.omnirouter.history.conversation.model.ConversationPage;
import io.omnirouter.history.customer.application.CustomerNotFoundException;
import io.omnirouter.history.customer.application.LookingUpCustomers;
import io.omnirouter.history.customer.model.CustomerProfile;
import io.omnirouter.history.export.model.CustomerExport;
import io.omnirouter.history.export.model.ExportedContacts;
import io.omnirouter.history.followup.application.FollowUpStore;
import io.omnirouter.history.note.application.KeepingNotes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's personal-data export: everything the API shows about the person, read through the API's own use cases
 * and stores (the profile, the timeline and its threads, the tasks, the notes, the consents), all in one snapshot.
 *
 * <p>Bound: the document is assembled in memory (the read audit records a read from the answer before it is written,
 * so the answer is one object). It holds every contact with its whole text, which the router keeps to at most
 * {@code max-text-chars} (10,000 by default) characters: a customer with 10,000 contacts of long texts is of the order
 * of 100-200 MB while it is written; one with a few hundred, well under a megabyte. The contacts are read in pages
 * (the timeline's and the threads' largest), so no single query is unbounded, but every thread is read on its own: a
 * customer whose contacts are each their own thread (calls) costs about two queries per contact, all in one read-only
 * transaction.
 */
@Service
public class ExportingCustomers {

    private final LookingUpCustomers customers;
    private final ReadingTimeline timeline;
    private final ReadingConversations conversations;
    private final FollowUpStore tasks;
    private final KeepingNotes notes;
    private final ReadingConsents consents;
    private final TimelineProperties timelinePages;
    private final ConversationProperties threadPages;
    private final Clock clock;

    public ExportingCustomers(LookingUpCustomers customers, ReadingTimeline timeline, ReadingConversations conversations,
                              FollowUpStore tasks, KeepingNotes notes, ReadingConsents consents,
                              TimelineProperties timelinePages, ConversationProperties threadPages, Clock clock) {
        this.customers = customers;
        this.timeline = timeline;
        this.conversations = conversations;
        this.tasks = tasks;
        this.notes = notes;
        this.consents = consents;
        this.timelinePages = timelinePages;
        this.threadPages = threadPages;
        this.clock = clock;
    }

    /**
     * The customer as it is now: for the id of a customer merged into another (or re-derived into it), the other's,
     * as the profile and the timeline answer. One REPEATABLE READ snapshot: the use cases read join this transaction,
     * so a contact, merge or note stored meanwhile is in every part or in none.
     *
     * @throws CustomerNotFoundException if there never was such a customer
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CustomerExport export(UUID customerId) {
        Instant exportedAt = clock.instant();
        CustomerProfile profile = customers.profile(customerId);
        UUID current = profile.customer().customerId();
        List<TimelineEntry> listed = wholeTimeline(current);
        List<ConversationEntry> read = new ArrayList<>();
        for (String threadKey : ExportedContacts.threadKeysOf(listed)) {
            read.addAll(wholeThread(current, threadKey));
        }
        return CustomerExport.of(exportedAt, profile, ExportedContacts.oldestFirst(listed, read),
                tasks.tasksOf(List.of(current), List.of()), notes.allNotesOf(current), consents.consentsOf(current).consents());
    }

    private List<TimelineEntry> wholeTimeline(UUID customerId) {
        List<TimelineEntry> entries = new ArrayList<>();
        TimelineCursor after = null;
        do {
            TimelinePage page = timeline.page(customerId, timelinePages.maxPageSize(), after, TimelineFilter.EVERYTHING);
            entries.addAll(page.items());
            after = page.next().orElse(null);
        } while (after != null);
        return entries;
    }

    private List<ConversationEntry> wholeThread(UUID customerId, String threadKey) {
        List<ConversationEntry> entries = new ArrayList<>();
        TimelineCursor after = null;
        do {
            ConversationPage page = conversations.page(customerId, threadKey, threadPages.maxPageSize(), after);
            // A missed call's conversation shows the callbacks of other threads too; each is exported with its own.
            page.items().stream().filter(entry -> entry.threadKey().equals(threadKey)).forEach(entries::add);
            after = page.next().orElse(null);
        } while (after != null);
        return entries;
    }
}
