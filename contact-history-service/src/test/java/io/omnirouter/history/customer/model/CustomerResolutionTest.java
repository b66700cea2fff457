package io.omnirouter.history.customer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CustomerResolutionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Identifier EMAIL = new Identifier(IdentifierType.EMAIL, "ana.novak@example.com");
    private static final Identifier PHONE = new Identifier(IdentifierType.PHONE, "+38641123456");
    private static final Identifier SHOP = new Identifier(IdentifierType.SHOP_CUSTOMER_ID, "C-1");
    private static final UUID OLDER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID NEWER = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void aContactWithOnlyUnknownIdentifiersCreatesACustomerOwningThemAll() {
        CustomerResolution resolution = CustomerResolution.startingFrom(List.of());
        ContactIdentity contact = contact(T0, EMAIL, PHONE);

        UUID customer = resolution.attribute(contact);

        assertThat(customer).isEqualTo(CustomerResolution.newCustomerIdFor(contact.contactId()));
        ResolutionChanges changes = resolution.changes();
        assertThat(changes.newCustomers()).containsExactly(new ContactSpan(customer, T0, T0));
        assertThat(changes.existingCustomers()).isEmpty();
        assertThat(changes.newIdentifiers()).containsExactly(
                new NewIdentifier(EMAIL, customer, T0), new NewIdentifier(PHONE, customer, T0));
    }

    @Test
    void theNewCustomerIdDependsOnlyOnTheContactSoARebuildCreatesTheSameCustomers() {
        UUID contactId = UUID.randomUUID();

        assertThat(CustomerResolution.newCustomerIdFor(contactId)).isEqualTo(CustomerResolution.newCustomerIdFor(contactId))
                .isNotEqualTo(contactId);
    }

    @Test
    void aContactWithAKnownIdentifierGoesToItsOwnerWhichGainsTheNewIdentifiers() {
        CustomerResolution resolution = CustomerResolution.startingFrom(List.of(owner(EMAIL, OLDER, T0)));

        UUID customer = resolution.attribute(contact(T0.plusSeconds(60), EMAIL, PHONE));

        assertThat(customer).isEqualTo(OLDER);
        ResolutionChanges changes = resolution.changes();
        assertThat(changes.newCustomers()).isEmpty();
        assertThat(changes.existingCustomers()).containsExactly(new ContactSpan(OLDER, T0, T0.plusSeconds(60)));
        assertThat(changes.newIdentifiers()).containsExactly(new NewIdentifier(PHONE, OLDER, T0.plusSeconds(60)));
    }

    @Test
    void identifiersOfSeveralCustomersAttachTheContactToTheEarliestAndMoveNoIdentifier() {
        CustomerResolution resolution = CustomerResolution.startingFrom(List.of(
                owner(EMAIL, NEWER, T0.plusSeconds(3600)), owner(PHONE, OLDER, T0)));

        UUID customer = resolution.attribute(contact(T0.plusSeconds(7200), EMAIL, PHONE, SHOP));

        assertThat(customer).isEqualTo(OLDER);
        assertThat(resolution.changes().newIdentifiers()).containsExactly(new NewIdentifier(SHOP, OLDER, T0.plusSeconds(7200)));
    }

    @Test
    void equalFirstContactsAreDecidedByCustomerIdSoTheOutcomeDoesNotDependOnOrder() {
        CustomerResolution resolution = CustomerResolution.startingFrom(List.of(owner(EMAIL, NEWER, T0), owner(PHONE, OLDER, T0)));

        assertThat(resolution.attribute(contact(T0, EMAIL, PHONE))).isEqualTo(OLDER);
        assertThat(resolution.attribute(contact(T0, PHONE, EMAIL))).isEqualTo(OLDER);
    }

    @Test
    void aSharedIdentifierDoesNotLink() {
        CustomerResolution resolution = CustomerResolution.startingFrom(List.of(
                new IdentifierOwner(PHONE, OLDER, T0, true), owner(EMAIL, NEWER, T0.plusSeconds(60))));

        assertThat(resolution.attribute(contact(T0.plusSeconds(120), PHONE, EMAIL))).isEqualTo(NEWER);
        assertThat(resolution.changes().newIdentifiers()).isEmpty();
    }

    @Test
    void aContactWhoseIdentifiersAreAllSharedGetsANewCustomer() {
        CustomerResolution resolution = CustomerResolution.startingFrom(List.of(new IdentifierOwner(PHONE, OLDER, T0, true)));
        ContactIdentity contact = contact(T0.plusSeconds(60), PHONE);

        assertThat(resolution.attribute(contact)).isEqualTo(CustomerResolution.newCustomerIdFor(contact.contactId()));
        assertThat(resolution.changes().newIdentifiers()).isEmpty();
    }

    @Test
    void laterContactsOfABatchSeeWhatEarlierOnesCreated() {
        CustomerResolution resolution = CustomerResolution.startingFrom(List.of());

        UUID first = resolution.attribute(contact(T0.plusSeconds(60), EMAIL));
        UUID second = resolution.attribute(contact(T0, PHONE, EMAIL));
        UUID third = resolution.attribute(contact(T0.plusSeconds(120), PHONE));

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        ResolutionChanges changes = resolution.changes();
        // An earlier contact arriving later still moves the first contact back.
        assertThat(changes.newCustomers()).containsExactly(new ContactSpan(first, T0, T0.plusSeconds(120)));
        assertThat(changes.newIdentifiers()).extracting(NewIdentifier::identifier).containsExactly(EMAIL, PHONE);
    }

    @Test
    void aStoredCustomerWhoseFirstContactMovesBackWinsLaterTieBreaks() {
        CustomerResolution resolution = CustomerResolution.startingFrom(List.of(
                owner(EMAIL, OLDER, T0), owner(PHONE, NEWER, T0.plusSeconds(60))));

        resolution.attribute(contact(T0.minusSeconds(600), PHONE));

        assertThat(resolution.attribute(contact(T0.plusSeconds(600), EMAIL, PHONE))).isEqualTo(NEWER);
        assertThat(resolution.changes().existingCustomers()).containsExactly(
                new ContactSpan(NEWER, T0.minusSeconds(600), T0.plusSeconds(600)));
    }

    private static IdentifierOwner owner(Identifier identifier, UUID customerId, Instant firstContactAt) {
        return new IdentifierOwner(identifier, customerId, firstContactAt, false);
    }

    private static ContactIdentity contact(Instant occurredAt, Identifier... identifiers) {
        return new ContactIdentity(UUID.randomUUID(), occurredAt, List.of(identifiers));
    }
}
