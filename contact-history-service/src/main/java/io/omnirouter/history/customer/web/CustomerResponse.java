package io.omnirouter.history.customer.web;

import io.omnirouter.history.audit.web.AboutCustomers;
import io.omnirouter.history.customer.model.CustomerProfile;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.MergeLineage;
import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A customer: every identifier it owns, its merge lineage, the span of its contacts, and what its contacts say about
 * it (the console's customer header).
 *
 * @param merges         merges into this customer (or into customers merged into it), oldest first; undone
 *                       ones stay, marked
 * @param contactCount   contacts in its timeline
 * @param openTaskCount  open follow-up tasks, those of customers merged into it included: every one, counted in the
 *                       database
 * @param names          the names the channels gave, distinct, the most recently given first (at most
 *                       {@code omnirouter.history.profile.names-shown}); empty when no channel gave one
 * @param language       BCP 47 tag of the latest contact that gave one, or null
 * @param segment        B2C or B2B of the latest contact that gave one, or null
 * @param lastHandler    the agent of the latest contact an agent handled, or null
 */
public record CustomerResponse(UUID customerId, List<IdentifierResponse> identifiers, List<MergeResponse> merges,
                        Instant firstContactAt, Instant lastContactAt, long contactCount, long openTaskCount,
                        List<String> names, String language, String segment, LastHandlerResponse lastHandler)
        implements AboutCustomers {

    /** A lookup read the customer it found. */
    @Override
    public Collection<UUID> customersRead() {
        return List.of(customerId);
    }

    /** @param shared a shared identifier (switchboard number, family address) no longer links contacts */
    record IdentifierResponse(IdentifierType type, String value, boolean shared) {
    }

    /**
     * @param mergedId           the customer merged into {@code survivorId}; its id now answers with this customer
     * @param causeContactId     the contact whose identifiers linked the two
     * @param linkingIdentifiers the cause's identifiers that belonged to the merged customer
     * @param mergedAt           event time of the cause
     * @param undone             whether a supervisor undid it (then {@code undoneAt} says when)
     */
    record MergeResponse(UUID mergeId, UUID survivorId, UUID mergedId, UUID causeContactId,
                         List<LinkingIdentifier> linkingIdentifiers, Instant mergedAt, boolean undone, Instant undoneAt) {

        static MergeResponse of(MergeLineage lineage) {
            var merge = lineage.merge();
            return new MergeResponse(merge.mergeId(), merge.survivorId(), merge.mergedId(), merge.causeContactId(),
                    merge.linkingIdentifiers().stream().map(LinkingIdentifier::of).toList(), merge.mergedAt(), lineage.undone(),
                    lineage.undoneAt());
        }
    }

    /** @param at event time of that agent's latest contact with the customer */
    record LastHandlerResponse(String agentId, Instant at) {
    }

    record LinkingIdentifier(IdentifierType type, String value) {

        static LinkingIdentifier of(Identifier identifier) {
            return new LinkingIdentifier(identifier.type(), identifier.value());
        }
    }

    public static CustomerResponse of(CustomerProfile profile) {
        var customer = profile.customer();
        var facts = profile.facts();
        return new CustomerResponse(customer.customerId(),
                customer.identifiers().stream()
                        .map(owned -> new IdentifierResponse(owned.identifier().type(), owned.identifier().value(), owned.shared()))
                        .toList(),
                profile.lineage().stream().map(MergeResponse::of).toList(),
                customer.firstContactAt(), customer.lastContactAt(), profile.contactCount(), profile.openTaskCount(),
                facts.names(), facts.language(), facts.segment(),
                facts.lastHandler() == null ? null : new LastHandlerResponse(facts.lastHandler().agentId(), facts.lastHandler().at()));
    }
}
