package io.omnirouter.history.erasure.application;

import io.omnirouter.history.contact.application.ContactStore;
import io.omnirouter.history.customer.application.CustomerNotFoundException;
import io.omnirouter.history.customer.application.CustomerStore;
import io.omnirouter.history.erasure.model.ErasedCustomer;
import io.omnirouter.history.shared.action.application.ActionHandler;
import io.omnirouter.history.shared.action.application.ActionOutcomes;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.model.AgentAction.CustomerErased;
import io.omnirouter.history.shared.erasure.ErasedData;
import io.omnirouter.history.shared.erasure.ErasesCustomerData;
import io.omnirouter.personal.keys.DataKeys;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Erases a customer (docs/personal-data.md, "Erasure"), applied from agent.actions live and in a rebuild: every
 * feature deletes what it keeps of the customer ({@link ErasesCustomerData}, open tasks closed as ERASED first), an
 * erased stub stays for each of its ids, and last the data keys of its contacts and of the actions about it are
 * shredded, so that its contacts on contact.events and its notes, reasons and identifiers on agent.actions never open
 * again: neither ingest nor a rebuild brings them back.
 */
@Service
public class ErasingCustomers implements ActionHandler {

    private final CustomerStore customers;
    private final ContactStore contacts;
    private final ErasureStore stubs;
    private final ActionOutcomes actions;
    private final List<ErasesCustomerData> parts;
    private final DataKeys dataKeys;

    public ErasingCustomers(CustomerStore customers, ContactStore contacts, ErasureStore stubs, ActionOutcomes actions,
                            List<ErasesCustomerData> parts, DataKeys dataKeys) {
        this.customers = customers;
        this.contacts = contacts;
        this.stubs = stubs;
        this.actions = actions;
        this.parts = List.copyOf(parts);
        this.dataKeys = dataKeys;
    }

    /** The stub of the customer id, if it was erased. */
    public Optional<ErasedCustomer> erased(UUID customerId) {
        return stubs.find(customerId);
    }

    /**
     * How many contacts the customer has per channel now, for the erasure to carry.
     *
     * @throws CustomerNotFoundException if there is no such customer
     */
    public Map<String, Integer> contactsByChannel(UUID customerId) {
        UUID current = customers.currentIdOf(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
        return count(contacts.channelsOfContactsHeldBy(idsOf(current)).values());
    }

    @Override
    public Set<Class<? extends AgentAction.Action>> kinds() {
        return Set.of(CustomerErased.class);
    }

    @Override
    public void apply(AgentAction action) {
        erase(action, true);
    }

    /** The same, publishing nothing; a customer the rebuild no longer has (its contacts did not open) becomes a stub. */
    @Override
    public void replay(AgentAction action) {
        erase(action, false);
    }

    private void erase(AgentAction action, boolean announce) {
        UUID named = action.customerId();
        if (named == null) {
            throw new CustomerNotFoundException(null);
        }
        if (stubs.find(named).isPresent()) {
            return; // erased before: nothing of it is left
        }
        Optional<UUID> current = customers.currentIdOf(named);
        if (current.isEmpty() && announce) {
            throw new CustomerNotFoundException(named);
        }
        UUID erasedAs = current.orElse(named);
        Set<UUID> ids = Set.of(erasedAs);
        Set<UUID> contactIds = Set.of();
        if (current.isPresent()) {
            customers.lockCustomers(List.of(erasedAs));
            ids = idsOf(erasedAs);
            contactIds = contacts.channelsOfContactsHeldBy(ids).keySet();
        }
        // Every other action about the customer: its note, reason or identifier on agent.actions goes with its key.
        Set<UUID> keyIds = new HashSet<>(contactIds);
        keyIds.addAll(actions.actionsAbout(ids));
        keyIds.remove(action.actionId());
        ErasedData erased = new ErasedData(action.actionId(), action.occurredAt(), ids, contactIds, announce);
        parts.forEach(part -> part.erase(erased));
        List<ErasedCustomer> kept = new ArrayList<>();
        Map<String, Integer> counts = ((CustomerErased) action.action()).contactsByChannel();
        for (UUID id : ids) {
            kept.add(new ErasedCustomer(id, erasedAs, action.occurredAt(), action.actionId(),
                    id.equals(erasedAs) ? counts : Map.of()));
        }
        if (!ids.contains(named)) {
            kept.add(new ErasedCustomer(named, erasedAs, action.occurredAt(), action.actionId(), Map.of()));
        }
        stubs.keep(kept);
        // Last: should anything before fail, nothing is lost, and the action is applied again.
        dataKeys.shred(keyIds);
    }

    private Set<UUID> idsOf(UUID current) {
        Set<UUID> ids = new HashSet<>(customers.idsAnsweringWith(current));
        ids.add(current);
        return ids;
    }

    private static Map<String, Integer> count(Collection<String> channels) {
        return channels.stream().collect(Collectors.groupingBy(Function.identity(), TreeMap::new,
                Collectors.reducing(0, channel -> 1, Integer::sum)));
    }
}
