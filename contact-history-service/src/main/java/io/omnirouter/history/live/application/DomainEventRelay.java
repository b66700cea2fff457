package io.omnirouter.history.live.application;

import io.omnirouter.history.contact.model.ContactRecorded;
import io.omnirouter.history.customer.model.CustomersMerged;
import io.omnirouter.history.customer.model.CustomersUnmerged;
import io.omnirouter.history.live.model.LiveEvents;
import io.omnirouter.history.live.model.LiveEvents.ContactData;
import io.omnirouter.history.followup.model.TaskChanged;
import io.omnirouter.history.live.model.LiveEvents.MergeData;
import io.omnirouter.history.live.model.LiveEvents.TaskData;
import io.omnirouter.history.live.model.LiveEvents.UnmergeData;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the service committed (application events, published after the commit) onto the live stream. Only
 * queues: the thread that stored the contacts is never held up by a client.
 */
@Component
class DomainEventRelay {

    private final LiveFeed feed;

    DomainEventRelay(LiveFeed feed) {
        this.feed = feed;
    }

    @EventListener
    void contactRecorded(ContactRecorded e) {
        feed.publish(LiveEvents.contact(new ContactData(e.contactId(), e.customerId(), e.channel(), e.direction(), e.kind(),
                e.occurredAt(), e.threadKey())));
    }

    @EventListener
    void customersMerged(CustomersMerged e) {
        feed.publish(LiveEvents.merge(new MergeData(e.mergeId(), e.survivorId(), e.mergedId(), e.causeContactId(), e.mergedAt())));
    }

    @EventListener
    void taskChanged(TaskChanged e) {
        feed.publish(LiveEvents.task(new TaskData(e.taskId(), e.version(), e.customerId(), e.type(), e.status(), e.queue(),
                e.escalationTier(), e.dueAt())));
    }

    @EventListener
    void customersUnmerged(CustomersUnmerged e) {
        feed.publish(LiveEvents.unmerge(new UnmergeData(e.mergeId(), e.survivorId(), e.restoredId())));
    }
}
