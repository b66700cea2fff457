package io.omnirouter.history.export.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.contact.Channel;
import io.omnirouter.history.consent.model.Consents;
import io.omnirouter.history.contact.model.Priority;
import io.omnirouter.history.customer.model.ContactFacts;
import io.omnirouter.history.customer.model.Customer;
import io.omnirouter.history.customer.model.CustomerProfile;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.Merge;
import io.omnirouter.history.customer.model.MergeLineage;
import io.omnirouter.history.followup.model.FollowUpTask;
import io.omnirouter.history.followup.model.TaskStatus;
import io.omnirouter.history.followup.model.TaskType;
import io.omnirouter.history.note.model.CustomerNote;
import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CustomerExportTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final UUID CUSTOMER = UUID.fromString("30000000-0000-0000-0000-000000000001");
    private static final UUID HIGH = UUID.fromString("f0000000-0000-0000-0000-000000000001");
    private static final UUID LOW = UUID.fromString("10000000-0000-0000-0000-000000000001");
    private static final UUID OTHER = UUID.fromString("20000000-0000-0000-0000-000000000001");

    @Test
    void theMergedIdsAreThoseOfTheStandingMergesInTheirOrderNotThoseOfUndoneOnes() {
        CustomerProfile profile = new CustomerProfile(customer(), 0, 0, List.of(
                new MergeLineage(merge(HIGH, T0.plusSeconds(60)), null),
                new MergeLineage(merge(OTHER, T0.plusSeconds(30)), T0.plusSeconds(90)),
                new MergeLineage(merge(LOW, T0), null)), ContactFacts.NONE);

        CustomerExport export = CustomerExport.of(T0, profile, List.of(), List.of(), List.of(), new Consents());

        assertThat(export.customerId()).isEqualTo(CUSTOMER);
        assertThat(export.mergedCustomerIds()).containsExactly(LOW, HIGH);
    }

    @Test
    void notesComeOldestFirstWhateverOrderTheyWereReadIn() {
        CustomerNote first = new CustomerNote(HIGH, CUSTOMER, "ana", T0, "first");
        CustomerNote sameTime = new CustomerNote(LOW, CUSTOMER, "ana", T0, "same time, smaller id");
        CustomerNote later = new CustomerNote(UUID.randomUUID(), LOW, "bo", T0.plusSeconds(1), "later, on a merged customer");

        CustomerExport export = CustomerExport.of(T0, profile(), List.of(), List.of(), List.of(later, first, sameTime), new Consents());

        assertThat(export.notes()).extracting(CustomerNote::text)
                .containsExactly("same time, smaller id", "first", "later, on a merged customer");
    }

    @Test
    void tasksComeOldestFirstByCreationThenId() {
        FollowUpTask later = task(LOW, T0.plusSeconds(60));
        FollowUpTask high = task(HIGH, T0);
        FollowUpTask low = task(UUID.fromString("00000000-0000-0000-0000-000000000002"), T0);

        CustomerExport export = CustomerExport.of(T0, profile(), List.of(), List.of(later, high, low), List.of(), new Consents());

        assertThat(export.tasks()).containsExactly(low, high, later);
    }

    @Test
    void itsTextIsNotInItsToString() {
        CustomerExport export = CustomerExport.of(T0, profile(), List.of(), List.of(),
                List.of(new CustomerNote(HIGH, CUSTOMER, "ana", T0, "secret note")), new Consents());

        assertThat(export.toString()).contains(CUSTOMER.toString(), "1 notes").doesNotContain("secret", "ana");
    }

    private static FollowUpTask task(UUID taskId, Instant createdAt) {
        return new FollowUpTask(taskId, 1, CUSTOMER, TaskType.REPLY, TaskStatus.OPEN, UUID.randomUUID(), "email:a", Channel.EMAIL,
                createdAt, createdAt.plusSeconds(3600), Priority.NORMAL, "general", 0, null, null, null, false, createdAt, "opened");
    }

    private static CustomerProfile profile() {
        return new CustomerProfile(customer(), 0, 0, List.of(), ContactFacts.NONE);
    }

    private static Customer customer() {
        return new Customer(CUSTOMER, List.of(), T0, T0);
    }

    private static Merge merge(UUID mergedId, Instant at) {
        return new Merge(Merge.idFor(UUID.randomUUID(), CUSTOMER, mergedId), CUSTOMER, mergedId, UUID.randomUUID(),
                List.of(new Identifier(IdentifierType.EMAIL, "x@example.com")), at);
    }
}
