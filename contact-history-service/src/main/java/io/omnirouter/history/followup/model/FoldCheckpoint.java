package io.omnirouter.history.followup.model;

import io.omnirouter.history.consent.model.Consent;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.customer.model.Uuids;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Where the fold of a customer's contacts ({@link PromiseKeeping}) stood after its latest contact in event-time
 * order: what the contacts after it need of those before it. That is little, because a contact only ever changes
 * open tasks: the open tasks then (each at its version), the agent of the latest handled contact (continuity), and
 * the consents. A task done before the checkpoint never changes again, whatever comes after it.
 *
 * <p>It is the fold before the decisions taken at or after the latest contact's time and before the clock: those
 * are applied again when the fold continues, at their place among the contacts that come after
 * ({@link PromiseKeeping#continueFrom}). Continuing from it with contacts that all come after it gives exactly what
 * folding every contact from the first one gives (FollowUpDeterminismTest).
 *
 * @param afterOccurredAt the latest contact folded: its event time
 * @param afterContactId  and its id (event-time order breaks ties by contact id)
 * @param fingerprint     what else the fold depended on: the rules and the agents' absences
 *                        ({@link PromiseKeeping#fingerprint}); a checkpoint of other rules or absences is not continued
 * @param folded          the contacts folded into it; null in a checkpoint kept before it was recorded (then a contact
 *                        claimed before the checkpoint folds the customer from its first contact)
 */
public record FoldCheckpoint(Instant afterOccurredAt, UUID afterContactId, String lastHandler, List<Consent> consents,
                             List<FollowUpTask> openTasks, String fingerprint, FoldedContacts folded) {

    public FoldCheckpoint {
        Objects.requireNonNull(afterOccurredAt, "afterOccurredAt");
        Objects.requireNonNull(afterContactId, "afterContactId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        consents = List.copyOf(consents);
        openTasks = List.copyOf(openTasks);
    }

    /** Whether {@code contact} comes after the checkpoint in event-time order (so it was not folded into it). */
    public boolean precedes(Contact contact) {
        return precedes(contact.occurredAt(), contact.contactId());
    }

    /** Whether the contact of that event time and id comes after the checkpoint in event-time order. */
    public boolean precedes(Instant occurredAt, UUID contactId) {
        int byTime = occurredAt.compareTo(afterOccurredAt);
        return byTime > 0 || byTime == 0 && Uuids.ORDER.compare(contactId, afterContactId) > 0;
    }

    /**
     * Whether the contacts a customer holds up to the checkpoint now, {@code heldUpToIt}, are those it folded: then a
     * claimed contact among them is in the checkpoint already, and the fold continues without it.
     */
    public boolean hasFolded(FoldedContacts heldUpToIt) {
        return folded != null && folded.equals(heldUpToIt);
    }

    /** Whether the fold had already applied {@code decision} when it reached the checkpoint. */
    boolean hasApplied(TaskDecision decision) {
        return decision.decidedAt().isBefore(afterOccurredAt);
    }
}
