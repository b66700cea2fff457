package io.omnirouter.history.note.application;

import io.omnirouter.history.customer.application.CustomerNotFoundException;
import io.omnirouter.history.customer.application.LookingUpCustomers;
import io.omnirouter.history.note.model.CustomerNote;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.history.shared.action.application.ActionHandler;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.model.AgentAction.NoteAdded;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Agents' internal notes on customers: written as actions on agent.actions (this applies them), read newest first for
 * the customer an id answers with now, so that a note written on either of two customers shows on the one they
 * merged into, and goes back with its customer when the merge is undone.
 */
@Service
public class KeepingNotes implements ActionHandler {

    /** Notes shown at most per request. */
    public static final int MAX_NOTES = 100;

    private final NoteStore notes;
    private final LookingUpCustomers customers;

    public KeepingNotes(NoteStore notes, LookingUpCustomers customers) {
        this.notes = notes;
        this.customers = customers;
    }

    @Override
    public Set<Class<? extends AgentAction.Action>> kinds() {
        return Set.of(NoteAdded.class);
    }

    /** @throws CustomerNotFoundException if the note is on no customer there ever was */
    @Override
    public void apply(AgentAction action) {
        if (!(action.action() instanceof NoteAdded note)) {
            throw new IllegalArgumentException("not a note: " + action);
        }
        if (action.customerId() == null || customers.currentId(action.customerId()).isEmpty()) {
            throw new CustomerNotFoundException(action.customerId());
        }
        notes.add(new CustomerNote(note.noteId(), action.customerId(), action.actor(), action.occurredAt(), note.text()));
    }

    /** A note announces nothing and derives nothing: replayed as it is applied. */
    @Override
    public void replay(AgentAction action) {
        apply(action);
    }

    /**
     * The customer's notes, those written on customers merged into it or re-derived into it included, newest first.
     *
     * @throws CustomerNotFoundException if there never was such a customer
     */
    public List<CustomerNote> notesOf(UUID customerId, Integer limit) {
        int size = limit == null ? MAX_NOTES : limit;
        if (size < 1 || size > MAX_NOTES) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + MAX_NOTES);
        }
        return notes.notesOf(customers.idsAnsweringWith(customerId), size);
    }

    /**
     * Every note of the customer, as {@link #notesOf} but not limited to a page: for its personal-data export. Notes
     * are agents' short texts (at most 2,000 characters), a handful per customer.
     *
     * @throws CustomerNotFoundException if there never was such a customer
     */
    public List<CustomerNote> allNotesOf(UUID customerId) {
        return notes.notesOf(customers.idsAnsweringWith(customerId), Integer.MAX_VALUE);
    }

    /** Whether a note can be written on the customer now: it must exist. */
    public void checkCustomer(UUID customerId) {
        if (customers.currentId(customerId).isEmpty()) {
            throw new CustomerNotFoundException(customerId);
        }
    }
}
