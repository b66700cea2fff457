package io.omnirouter.history.customer.application;

import io.omnirouter.history.shared.event.DomainEvents;
import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.history.customer.model.ContactIdentity;
import io.omnirouter.history.customer.model.CustomersMerged;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.IdentityResolution;
import io.omnirouter.history.customer.model.Merge;
import io.omnirouter.history.customer.model.MergeProtection;
import io.omnirouter.history.customer.model.MergeSuppression;
import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The claim the history rests on: whatever order contacts arrive in and however they are batched, the
 * stored state is what applying them all in event-time order gives; and an unmerge re-derives what
 * applying them with the merge suppressed gives. Checked on random contact sets over a small pool of
 * identifiers (so that merges, limits, shared identifiers and late arrivals are frequent).
 */
class ResolvingCustomersTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final MergeProtection TIGHT = new MergeProtection(Map.of(IdentifierType.EMAIL, 2, IdentifierType.PHONE, 2,
            IdentifierType.SHOP_CUSTOMER_ID, 1, IdentifierType.CHAT_VISITOR_ID, 3, IdentifierType.SOCIAL_HANDLE, 2), 2);

    static List<Object[]> scenarios() {
        List<Object[]> scenarios = new ArrayList<>();
        for (long seed = 1; seed <= 300; seed++) {
            scenarios.add(new Object[] {seed, seed % 2 == 0 ? MergeProtection.DEFAULTS : TIGHT});
        }
        return scenarios;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("scenarios")
    void anyArrivalOrderAndBatchingGivesTheEventTimeOrderResult(long seed, MergeProtection protection) {
        Random random = new Random(seed);
        List<ContactIdentity> contacts = randomContacts(random);
        IdentityResolution canonical = fold(contacts, List.of(), protection);

        InMemoryCustomerStore store = new InMemoryCustomerStore();
        List<Object> published = new ArrayList<>();
        ResolvingCustomers resolving = new ResolvingCustomers(store, protection, new DomainEvents(published::add));
        ingestInRandomBatches(contacts, random, store, resolving);

        assertThat(store.state()).isEqualTo(canonical.snapshot());
        assertThat(store.customerByContact()).isEqualTo(canonical.customerByContact());
        assertThat(published).filteredOn(CustomersMerged.class::isInstance).extracting(e -> ((CustomersMerged) e).mergeId())
                .containsAll(canonical.snapshot().merges().stream().map(Merge::mergeId).toList());

        if (!canonical.snapshot().merges().isEmpty()) {
            Merge undone = canonical.snapshot().merges().get(random.nextInt(canonical.snapshot().merges().size()));
            store.suppress(undone);
            resolving.rederive(undone.linkingIdentifiers(), true);

            IdentityResolution withoutTheLink = fold(contacts,
                    List.of(new MergeSuppression(undone.mergeId(), undone.survivorId(), undone.mergedId())), protection);
            assertThat(store.state()).isEqualTo(withoutTheLink.snapshot());
            assertThat(store.customerByContact()).isEqualTo(withoutTheLink.customerByContact());
            assertThat(store.state().merges()).extracting(Merge::mergeId).doesNotContain(undone.mergeId());

            // A rebuild: everything again into an empty store that keeps the decision, in another order.
            InMemoryCustomerStore rebuilt = new InMemoryCustomerStore();
            rebuilt.suppress(undone);
            ingestInRandomBatches(contacts, random, rebuilt, new ResolvingCustomers(rebuilt, protection, new DomainEvents(e -> { })));
            assertThat(rebuilt.state()).isEqualTo(withoutTheLink.snapshot());
            assertThat(rebuilt.customerByContact()).isEqualTo(withoutTheLink.customerByContact());
        }
    }

    private static void ingestInRandomBatches(List<ContactIdentity> contacts, Random random, InMemoryCustomerStore store,
                                              ResolvingCustomers resolving) {
        List<ContactIdentity> arrival = new ArrayList<>(contacts);
        Collections.shuffle(arrival, random);
        int next = 0;
        while (next < arrival.size()) {
            List<ContactIdentity> batch = arrival.subList(next, Math.min(arrival.size(), next + 1 + random.nextInt(5)));
            next += batch.size();
            Map<UUID, UUID> customerByContact = resolving.attribute(batch, true);
            store.insertContacts(batch, customerByContact);
        }
    }

    private static List<ContactIdentity> randomContacts(Random random) {
        List<Identifier> pool = new ArrayList<>();
        int people = 3 + random.nextInt(8);
        for (int i = 0; i < people; i++) {
            pool.add(new Identifier(IdentifierType.EMAIL, "person" + i + "@example.com"));
            pool.add(new Identifier(IdentifierType.PHONE, "+38640" + i));
            pool.add(new Identifier(IdentifierType.SHOP_CUSTOMER_ID, "S-" + i));
            pool.add(new Identifier(IdentifierType.CHAT_VISITOR_ID, "visitor-" + i));
            pool.add(new Identifier(IdentifierType.SOCIAL_HANDLE, "instagram:person" + i));
        }
        List<ContactIdentity> contacts = new ArrayList<>();
        int count = 10 + random.nextInt(30);
        for (int i = 0; i < count; i++) {
            List<Identifier> carried = new ArrayList<>();
            int wanted = 1 + random.nextInt(3);
            while (carried.size() < wanted) {
                Identifier candidate = pool.get(random.nextInt(pool.size()));
                // One identifier per type, as in a ContactEvent.
                if (carried.stream().noneMatch(id -> id.type() == candidate.type())) {
                    carried.add(candidate);
                }
            }
            // Few distinct times, so that equal times (decided by contact id) are frequent too.
            Instant at = T0.plusSeconds(random.nextInt(count));
            contacts.add(new ContactIdentity(new UUID(random.nextLong(), random.nextLong()), at, carried));
        }
        return contacts;
    }

    private static IdentityResolution fold(List<ContactIdentity> contacts, List<MergeSuppression> suppressions,
                                           MergeProtection protection) {
        IdentityResolution resolution = IdentityResolution.rederiving(suppressions, List.of(), protection);
        contacts.stream().sorted(ContactIdentity.EVENT_TIME_ORDER).forEach(resolution::apply);
        return resolution;
    }
}
