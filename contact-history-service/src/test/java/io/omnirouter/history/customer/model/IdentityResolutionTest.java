package io.omnirouter.history.customer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IdentityResolutionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Identifier EMAIL = email("ana.novak@example.com");
    private static final Identifier PHONE = phone("+38641123456");
    private static final Identifier SHOP = shop("C-1");
    private static final Identifier CHAT = new Identifier(IdentifierType.CHAT_VISITOR_ID, "visitor-1");

    @Nested
    class Attribution {

        @Test
        void aContactWithOnlyUnknownIdentifiersCreatesACustomerOwningThemAll() {
            IdentityResolution resolution = fresh();
            ContactIdentity contact = contact(0, EMAIL, PHONE);

            UUID customer = resolution.apply(contact);

            assertThat(customer).isEqualTo(IdentityResolution.newCustomerIdFor(contact.contactId()));
            IdentityState state = resolution.snapshot();
            assertThat(state.customers()).containsExactly(new CustomerState(customer, at(0), at(0), null, null));
            assertThat(state.identifiers()).extracting(IdentifierState::identifier, IdentifierState::ownerId, IdentifierState::shared)
                    .containsExactlyInAnyOrder(tuple(EMAIL, customer, false), tuple(PHONE, customer, false));
            assertThat(state.merges()).isEmpty();
        }

        @Test
        void theNewCustomerIdDependsOnlyOnTheContactSoAReplayCreatesTheSameCustomers() {
            UUID contactId = UUID.randomUUID();

            assertThat(IdentityResolution.newCustomerIdFor(contactId)).isEqualTo(IdentityResolution.newCustomerIdFor(contactId))
                    .isNotEqualTo(contactId);
        }

        @Test
        void aContactWithAKnownIdentifierGoesToItsOwnerWhichGainsTheUnknownOnes() {
            IdentityResolution resolution = fresh();
            UUID ana = resolution.apply(contact(0, EMAIL));

            assertThat(resolution.apply(contact(60, EMAIL, PHONE))).isEqualTo(ana);

            assertThat(owner(resolution, PHONE)).isEqualTo(ana);
            assertThat(customerState(resolution, ana)).isEqualTo(new CustomerState(ana, at(0), at(60), null, null));
        }

        @Test
        void changesHoldOnlyWhatTheAppliedContactsTouched() {
            IdentityResolution first = fresh();
            UUID ana = first.apply(contact(0, EMAIL));
            first.apply(contact(10, PHONE));
            IdentityResolution resolution = IdentityResolution.continuing(first.snapshot(), List.of(), List.of(), MergeProtection.DEFAULTS);

            resolution.apply(contact(60, EMAIL, SHOP));

            IdentityState changes = resolution.changes();
            assertThat(changes.customers()).extracting(CustomerState::customerId).containsExactly(ana);
            assertThat(changes.identifiers()).extracting(IdentifierState::identifier).containsExactlyInAnyOrder(EMAIL, SHOP);
        }
    }

    @Nested
    class Merging {

        @Test
        void identifiersOfTwoCustomersMergeThemIntoTheOneWithTheEarlierFirstContact() {
            IdentityResolution resolution = fresh();
            UUID byEmail = resolution.apply(contact(0, EMAIL));
            UUID byPhone = resolution.apply(contact(60, PHONE));
            ContactIdentity order = contact(120, PHONE, EMAIL);

            assertThat(resolution.apply(order)).isEqualTo(byEmail);

            assertThat(resolution.snapshot().merges()).containsExactly(new Merge(Merge.idFor(order.contactId(), byEmail, byPhone), byEmail,
                    byPhone, order.contactId(), List.of(PHONE), at(120)));
            assertThat(customerState(resolution, byPhone)).isEqualTo(new CustomerState(byPhone, at(60), at(60), byEmail, at(120)));
            assertThat(customerState(resolution, byEmail)).isEqualTo(new CustomerState(byEmail, at(0), at(120), null, null));
            assertThat(owner(resolution, PHONE)).isEqualTo(byEmail);
            assertThat(resolution.currentIdOf(byPhone)).isEqualTo(byEmail);
        }

        @Test
        void theMergedCustomersContactsNowBelongToTheSurvivor() {
            IdentityResolution resolution = fresh();
            ContactIdentity call = contact(60, PHONE);
            UUID byEmail = resolution.apply(contact(0, EMAIL));
            resolution.apply(call);
            resolution.apply(contact(120, PHONE, EMAIL));

            assertThat(resolution.customerByContact()).containsEntry(call.contactId(), byEmail).doesNotContainValue(
                    IdentityResolution.newCustomerIdFor(call.contactId()));
        }

        @Test
        void equalFirstContactsAreDecidedByTheSmallerIdInDatabaseOrder() {
            ContactIdentity a = new ContactIdentity(UUID.randomUUID(), at(0), List.of(EMAIL));
            ContactIdentity b = new ContactIdentity(UUID.randomUUID(), at(0), List.of(PHONE));
            UUID customerA = IdentityResolution.newCustomerIdFor(a.contactId());
            UUID customerB = IdentityResolution.newCustomerIdFor(b.contactId());
            UUID smaller = Uuids.ORDER.compare(customerA, customerB) < 0 ? customerA : customerB;

            IdentityResolution resolution = fold(List.of(a, b, contact(60, EMAIL, PHONE)));

            assertThat(resolution.snapshot().merges()).singleElement().extracting(Merge::survivorId).isEqualTo(smaller);
        }

        @Test
        void aContactLinkingThreeCustomersRecordsTwoMergesIntoTheOldest() {
            IdentityResolution resolution = fresh();
            UUID oldest = resolution.apply(contact(0, CHAT));
            UUID middle = resolution.apply(contact(10, EMAIL));
            UUID youngest = resolution.apply(contact(20, PHONE));

            resolution.apply(contact(30, PHONE, EMAIL, CHAT));

            assertThat(resolution.snapshot().merges()).extracting(Merge::survivorId, Merge::mergedId, Merge::linkingIdentifiers)
                    .containsExactlyInAnyOrder(tuple(oldest, middle, List.of(EMAIL)), tuple(oldest, youngest, List.of(PHONE)));
        }

        @Test
        void aCustomerMergedAgainMovesWithEverythingMergedIntoItBefore() {
            IdentityResolution resolution = fresh();
            UUID oldest = resolution.apply(contact(0, CHAT));
            UUID middle = resolution.apply(contact(10, EMAIL));
            UUID youngest = resolution.apply(contact(20, PHONE));
            resolution.apply(contact(30, PHONE, EMAIL));

            resolution.apply(contact(40, EMAIL, CHAT));

            assertThat(customerState(resolution, youngest).mergedInto()).isEqualTo(oldest);
            assertThat(customerState(resolution, middle).mergedInto()).isEqualTo(oldest);
            assertThat(owner(resolution, PHONE)).isEqualTo(oldest);
        }
    }

    @Nested
    class MergeProtectionRules {

        @Test
        void shopAccountsNeverMergeSoTheSwitchboardNumberIsSharedAndTenEmployeesStayTen() {
            IdentityResolution resolution = fresh();
            Identifier switchboard = phone("+38615000000");
            List<UUID> customers = new ArrayList<>();
            for (int employee = 0; employee < 10; employee++) {
                customers.add(resolution.apply(contact(employee * 60, shop("S-" + employee), switchboard)));
            }

            assertThat(customers).doesNotHaveDuplicates();
            assertThat(resolution.snapshot().merges()).isEmpty();
            assertThat(state(resolution, switchboard).shared()).isTrue();
            assertThat(state(resolution, switchboard).ownerId()).isEqualTo(customers.get(0));
        }

        @Test
        void twoCustomersThatEachHoldAShopIdAreNotMergedByAnEmailAndTheEmailIsShared() {
            IdentityResolution resolution = fresh();
            UUID first = resolution.apply(contact(0, shop("S-1"), EMAIL));
            UUID second = resolution.apply(contact(10, shop("S-2"), PHONE));

            // The shop id links the strongest, so the email is the link that gives way.
            assertThat(resolution.apply(contact(20, shop("S-2"), EMAIL))).isEqualTo(second);

            assertThat(resolution.snapshot().merges()).isEmpty();
            assertThat(state(resolution, EMAIL).shared()).isTrue();
            assertThat(state(resolution, EMAIL).ownerId()).isEqualTo(first);
        }

        @Test
        void aContactThatWouldPushACustomerPastALimitDoesNotLinkAndGoesToANewCustomer() {
            IdentityResolution resolution = IdentityResolution.rederiving(List.of(), List.of(), protection(2, 10));
            UUID ana = resolution.apply(contact(0, EMAIL, phone("+3861")));
            resolution.apply(contact(10, EMAIL, phone("+3862")));
            ContactIdentity third = contact(20, EMAIL, phone("+3863"));

            UUID customer = resolution.apply(third);

            assertThat(customer).isNotEqualTo(ana).isEqualTo(IdentityResolution.newCustomerIdFor(third.contactId()));
            assertThat(state(resolution, EMAIL).shared()).isTrue();
            assertThat(owner(resolution, phone("+3863"))).isEqualTo(customer);
        }

        @Test
        void aMergeThatWouldExceedALimitIsRefused() {
            IdentityResolution resolution = IdentityResolution.rederiving(List.of(), List.of(), protection(1, 10));
            UUID ana = resolution.apply(contact(0, EMAIL, phone("+3861")));
            UUID other = resolution.apply(contact(10, phone("+3862")));

            assertThat(resolution.apply(contact(20, EMAIL, phone("+3862")))).isEqualTo(ana);

            assertThat(resolution.snapshot().merges()).isEmpty();
            assertThat(state(resolution, phone("+3862")).shared()).isTrue();
            assertThat(owner(resolution, phone("+3862"))).isEqualTo(other);
        }

        @Test
        void anIdentifierSeenWithMoreDistinctCustomersThanAllowedIsSharedAndStopsLinking() {
            Identifier familyAddress = email("family@example.com");
            IdentityResolution resolution = IdentityResolution.rederiving(List.of(), List.of(), protection(5, 3));
            List<UUID> people = new ArrayList<>();
            for (int person = 1; person <= 4; person++) {
                people.add(resolution.apply(contact(person, phone("+386" + person))));
            }
            resolution.apply(contact(10, phone("+3861"), familyAddress));
            resolution.apply(contact(11, phone("+3862"), familyAddress));
            resolution.apply(contact(12, phone("+3863"), familyAddress));
            assertThat(state(resolution, familyAddress).shared()).isFalse();

            // A fourth distinct customer: more than 3.
            assertThat(resolution.apply(contact(13, phone("+3864"), familyAddress))).isEqualTo(people.get(3));

            assertThat(state(resolution, familyAddress).shared()).isTrue();
            assertThat(state(resolution, familyAddress).seenWith()).hasSize(3);
            assertThat(resolution.snapshot().merges()).hasSize(2);
        }

        @Test
        void onePersonsFirstContactsOnFourChannelsAreJoinedByOneEmailUnderTheDefaults() {
            IdentityResolution resolution = fresh();
            UUID first = resolution.apply(contact(0, EMAIL));
            resolution.apply(contact(1, PHONE));
            resolution.apply(contact(2, CHAT));
            resolution.apply(contact(3, SHOP));

            resolution.apply(contact(10, EMAIL, PHONE));
            resolution.apply(contact(11, EMAIL, CHAT));
            resolution.apply(contact(12, EMAIL, SHOP));

            assertThat(resolution.snapshot().customers()).filteredOn(customer -> !customer.merged()).singleElement()
                    .extracting(CustomerState::customerId).isEqualTo(first);
            assertThat(resolution.snapshot().identifiers()).noneMatch(IdentifierState::shared);
            assertThat(state(resolution, EMAIL).seenWith()).hasSize(4);
        }

        @Test
        void aSharedIdentifierIsIgnoredForLinkingFromThenOn() {
            IdentityResolution resolution = fresh();
            Identifier switchboard = phone("+38615000000");
            UUID first = resolution.apply(contact(0, shop("S-1"), switchboard));
            UUID second = resolution.apply(contact(10, shop("S-2"), switchboard));
            ContactIdentity callFromTheSwitchboard = contact(20, switchboard);

            UUID caller = resolution.apply(callFromTheSwitchboard);

            assertThat(caller).isNotIn(first, second).isEqualTo(IdentityResolution.newCustomerIdFor(callFromTheSwitchboard.contactId()));
            assertThat(resolution.apply(contact(30, shop("S-2"), switchboard, EMAIL))).isEqualTo(second);
            assertThat(owner(resolution, EMAIL)).isEqualTo(second);
            assertThat(owner(resolution, switchboard)).isEqualTo(first);
        }

        @Test
        void limitsAreValidated() {
            assertThatThrownBy(() -> new MergeProtection(Map.of(IdentifierType.EMAIL, 5), 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PHONE");
            assertThatThrownBy(() -> new MergeProtection(Map.of(IdentifierType.EMAIL, 0, IdentifierType.PHONE, 5,
                    IdentifierType.SHOP_CUSTOMER_ID, 1, IdentifierType.CHAT_VISITOR_ID, 20, IdentifierType.SOCIAL_HANDLE, 5), 3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        }
    }

    @Nested
    class Unmerging {

        @Test
        void reDerivingWithTheMergeSuppressedEqualsNeverHavingSeenTheLink() {
            ContactIdentity mail = contact(0, EMAIL);
            ContactIdentity call = contact(60, PHONE);
            ContactIdentity order = contact(120, EMAIL, PHONE);
            ContactIdentity laterCall = contact(180, PHONE);
            IdentityResolution merged = fold(List.of(mail, call, order, laterCall));
            Merge merge = merged.snapshot().merges().get(0);

            IdentityResolution unmerged = fold(List.of(mail, call, order, laterCall),
                    List.of(new MergeSuppression(merge.mergeId(), merge.survivorId(), merge.mergedId())));
            ContactIdentity orderWithoutTheLink = new ContactIdentity(order.contactId(), order.occurredAt(), List.of(EMAIL));
            IdentityResolution neverLinked = fold(List.of(mail, call, orderWithoutTheLink, laterCall));

            assertThat(unmerged.customerByContact()).isEqualTo(neverLinked.customerByContact());
            assertThat(unmerged.snapshot().customers()).isEqualTo(neverLinked.snapshot().customers());
            assertThat(unmerged.snapshot().merges()).isEmpty();
            assertThat(ownership(unmerged)).isEqualTo(ownership(neverLinked));
            assertThat(unmerged.customerByContact().get(laterCall.contactId())).isEqualTo(merge.mergedId());
        }

        @Test
        void anUndoneMergeIsNotRedoneByALaterContactNorThroughAThirdCustomer() {
            ContactIdentity mail = contact(0, EMAIL);
            ContactIdentity call = contact(60, PHONE);
            ContactIdentity order = contact(120, EMAIL, PHONE);
            Merge merge = fold(List.of(mail, call, order)).snapshot().merges().get(0);
            List<MergeSuppression> undone = List.of(new MergeSuppression(merge.mergeId(), merge.survivorId(), merge.mergedId()));

            IdentityResolution resolution = fold(List.of(mail, call, order, contact(200, PHONE, EMAIL), contact(300, CHAT),
                    contact(310, CHAT, EMAIL), contact(320, CHAT, PHONE)), undone);

            assertThat(resolution.currentIdOf(merge.mergedId())).isEqualTo(merge.mergedId());
            assertThat(owner(resolution, PHONE)).isEqualTo(merge.mergedId());
            assertThat(owner(resolution, EMAIL)).isEqualTo(merge.survivorId());
            assertThat(state(resolution, PHONE).shared()).isFalse();
        }
    }

    @Nested
    class Lateness {

        @Test
        void aContactAfterEverythingKnownIsNotLate() {
            IdentityResolution resolution = fresh();
            resolution.apply(contact(0, EMAIL, PHONE));

            assertThat(resolution.isLate(contact(60, EMAIL))).isFalse();
            assertThat(resolution.isLate(contact(-60, email("someone.else@example.com")))).isFalse();
        }

        @Test
        void aContactBeforeOneAlreadyAppliedIsLateWhenItCarriesAnIdentifierItsCustomerDidNotHoldYet() {
            IdentityResolution resolution = fresh();
            resolution.apply(contact(0, EMAIL));
            resolution.apply(contact(100, EMAIL, PHONE));

            // In event-time order it would have brought the phone to the customer at 50, not at 100.
            assertThat(resolution.isLate(contact(50, EMAIL, PHONE))).isTrue();
        }

        @Test
        void aLateContactBringingANewIdentifierIsLateWhenItsCustomerHasNoRoomForItNow() {
            IdentityResolution resolution = IdentityResolution.rederiving(List.of(), List.of(), protection(1, 10));
            resolution.apply(contact(0, EMAIL));
            resolution.apply(contact(100, EMAIL, PHONE));

            // At 50 the customer had no phone yet, so a second one fitted then; the phone at 100 would then not have.
            assertThat(resolution.isLate(contact(50, EMAIL, phone("+38640999999")))).isTrue();
        }

        @Test
        void aLateContactBringingANewIdentifierWithinTheLimitsJoinsItsCustomerAsInEventTimeOrder() {
            IdentityResolution resolution = appliedInPlaceAsInEventTimeOrder(contact(150, PHONE, CHAT));
            assertThat(state(resolution, CHAT).firstSeenAt()).isEqualTo(at(150));
        }

        @Test
        void aContactBeforeOneAlreadyAppliedThatOnlyJoinsTheCustomerHoldingAllItsIdentifiersIsNotLate() {
            appliedInPlaceAsInEventTimeOrder(contact(150, EMAIL, PHONE));
        }

        /** After contacts at 0, 100 and 200: the late one is not late, and applying it gives the event-time result. */
        private IdentityResolution appliedInPlaceAsInEventTimeOrder(ContactIdentity late) {
            List<ContactIdentity> applied = List.of(contact(0, EMAIL), contact(100, EMAIL, PHONE), contact(200, PHONE));
            IdentityResolution resolution = fresh();
            applied.forEach(resolution::apply);

            assertThat(resolution.isLate(late)).isFalse();
            resolution.apply(late);
            List<ContactIdentity> all = new ArrayList<>(applied);
            all.add(late);
            assertThat(resolution.snapshot()).usingRecursiveComparison().ignoringCollectionOrder().isEqualTo(fold(all).snapshot());
            return resolution;
        }

        @Test
        void aContactBeforeAMergeIntoItsCustomerIsLate() {
            IdentityResolution resolution = fresh();
            resolution.apply(contact(0, EMAIL));
            resolution.apply(contact(10, PHONE));
            resolution.apply(contact(100, EMAIL, PHONE));

            // At 50 the phone was another customer's: event-time order would have put this contact there.
            assertThat(resolution.isLate(contact(50, PHONE))).isTrue();
            assertThat(resolution.isLate(contact(150, EMAIL))).isFalse();
        }

        @Test
        void aSharedIdentifierMattersOnlyUntilItWasShared() {
            IdentityResolution resolution = fresh();
            Identifier switchboard = phone("+38615000000");
            resolution.apply(contact(0, shop("S-1"), switchboard));
            resolution.apply(contact(10, shop("S-2"), switchboard));
            resolution.apply(contact(100, switchboard));

            assertThat(resolution.isLate(contact(50, switchboard))).isFalse();
            assertThat(resolution.isLate(contact(5, switchboard))).isTrue();
        }
    }

    /** A family address shared by four people (at most 3 customers per identifier), cleared by a supervisor at 20 s. */
    @Nested
    class ClearingASharedIdentifier {

        private final Identifier familyAddress = email("family@example.com");
        private final SharingCleared clearing = new SharingCleared(UUID.randomUUID(), familyAddress, at(20));
        private final List<ContactIdentity> sharedByFour = List.of(
                contact(1, phone("+3861")), contact(2, phone("+3862")), contact(3, phone("+3863")), contact(4, phone("+3864")),
                contact(10, phone("+3861"), familyAddress), contact(11, phone("+3862"), familyAddress),
                contact(12, phone("+3863"), familyAddress), contact(13, phone("+3864"), familyAddress));

        @Test
        void aContactAfterTheClearingIsLinkedThroughTheIdentifierAgain() {
            IdentityResolution resolution = resolve(sharedByFour);
            UUID holder = owner(resolution, familyAddress);
            assertThat(state(resolution, familyAddress).shared()).isTrue();

            UUID customer = resolution.apply(contact(30, familyAddress, phone("+3869")));

            assertThat(customer).isEqualTo(holder);
            assertThat(state(resolution, familyAddress).shared()).isFalse();
            assertThat(owner(resolution, phone("+3869"))).isEqualTo(holder);
        }

        @Test
        void aContactBeforeTheClearingStillIgnoresTheIdentifierItWasSharedThen() {
            List<ContactIdentity> contacts = new ArrayList<>(sharedByFour);
            ContactIdentity before = contact(15, familyAddress, phone("+3869"));
            contacts.add(before);

            IdentityResolution resolution = resolve(contacts);

            assertThat(owner(resolution, phone("+3869"))).isEqualTo(IdentityResolution.newCustomerIdFor(before.contactId()));
            resolution.finish();
            assertThat(state(resolution, familyAddress).shared()).isFalse();
        }

        @Test
        void finishAppliesAClearingThatComesAfterTheLastContact() {
            IdentityResolution resolution = resolve(sharedByFour);
            assertThat(state(resolution, familyAddress).shared()).isTrue();

            resolution.finish();

            IdentifierState cleared = state(resolution, familyAddress);
            assertThat(cleared.shared()).isFalse();
            assertThat(cleared.seenWith()).containsExactly(cleared.ownerId());
            assertThat(cleared.touchedBy()).isEqualTo(clearing.key());
        }

        @Test
        void theProtectionMarksItSharedAgainWhenContactsAfterTheClearingBreakARuleAgain() {
            IdentityResolution resolution = resolve(sharedByFour);
            resolution.finish();
            for (int person = 5; person <= 7; person++) {
                resolution.apply(contact(20 + person, phone("+386" + person)));
            }
            // Seen with the holder only since the clearing; then with three more customers: more than 3 at the third.
            resolution.apply(contact(30, phone("+3865"), familyAddress));
            resolution.apply(contact(31, phone("+3866"), familyAddress));
            assertThat(state(resolution, familyAddress).shared()).isFalse();

            resolution.apply(contact(32, phone("+3867"), familyAddress));

            assertThat(state(resolution, familyAddress).shared()).isTrue();
        }

        @Test
        void aContactBeforeTheClearingThatArrivesAfterItIsLateAndNotAttachedUnchanged() {
            IdentityResolution first = resolve(sharedByFour);
            first.finish();
            IdentityResolution continued = IdentityResolution.continuing(first.snapshot(), List.of(), List.of(clearing), protection(5, 3));

            assertThat(continued.isLate(contact(15, familyAddress))).isTrue();
            assertThat(continued.isLate(contact(30, familyAddress))).isFalse();
        }

        @Test
        void continuingAfterTheClearingGivesWhatApplyingEverythingInEventTimeOrderGives() {
            List<ContactIdentity> after = List.of(contact(30, familyAddress, phone("+3869")), contact(31, phone("+3862"), familyAddress));
            IdentityResolution live = resolve(sharedByFour);
            live.finish();
            IdentityResolution continued = IdentityResolution.continuing(live.snapshot(), List.of(), List.of(clearing), protection(5, 3));
            after.forEach(continued::apply);
            continued.finish();

            List<ContactIdentity> all = new ArrayList<>(sharedByFour);
            all.addAll(after);
            IdentityResolution eventTimeOrder = resolve(all);
            eventTimeOrder.finish();

            assertThat(ownership(continued)).isEqualTo(ownership(eventTimeOrder));
            assertThat(continued.snapshot().identifiers()).containsExactlyInAnyOrderElementsOf(eventTimeOrder.snapshot().identifiers());
        }

        private IdentityResolution resolve(List<ContactIdentity> contacts) {
            IdentityResolution resolution = IdentityResolution.rederiving(List.of(), List.of(clearing), protection(5, 3));
            contacts.stream().sorted(ContactIdentity.EVENT_TIME_ORDER).forEach(resolution::apply);
            return resolution;
        }
    }

    static IdentityResolution fold(Collection<ContactIdentity> contacts) {
        return fold(contacts, List.of());
    }

    static IdentityResolution fold(Collection<ContactIdentity> contacts, List<MergeSuppression> suppressions) {
        IdentityResolution resolution = IdentityResolution.rederiving(suppressions, List.of(), MergeProtection.DEFAULTS);
        contacts.stream().sorted(ContactIdentity.EVENT_TIME_ORDER).forEach(resolution::apply);
        return resolution;
    }

    /** The default limits but for phones, and the given most customers per identifier. */
    private static MergeProtection protection(int phones, int maxCustomersPerIdentifier) {
        Map<IdentifierType, Integer> limits = MergeProtection.defaultLimits();
        limits.put(IdentifierType.PHONE, phones);
        return new MergeProtection(limits, maxCustomersPerIdentifier);
    }

    private static IdentityResolution fresh() {
        return IdentityResolution.rederiving(List.of(), List.of(), MergeProtection.DEFAULTS);
    }

    private static Map<Identifier, List<Object>> ownership(IdentityResolution resolution) {
        Map<Identifier, List<Object>> owners = new java.util.HashMap<>();
        resolution.snapshot().identifiers().forEach(state -> owners.put(state.identifier(), List.of(state.ownerId(), state.shared())));
        return owners;
    }

    private static IdentifierState state(IdentityResolution resolution, Identifier identifier) {
        return resolution.snapshot().identifiers().stream().filter(state -> state.identifier().equals(identifier)).findFirst().orElseThrow();
    }

    private static UUID owner(IdentityResolution resolution, Identifier identifier) {
        return state(resolution, identifier).ownerId();
    }

    private static CustomerState customerState(IdentityResolution resolution, UUID customerId) {
        return resolution.snapshot().customers().stream().filter(state -> state.customerId().equals(customerId)).findFirst().orElseThrow();
    }

    static ContactIdentity contact(long secondsAfterT0, Identifier... identifiers) {
        return new ContactIdentity(UUID.randomUUID(), at(secondsAfterT0), List.of(identifiers));
    }

    static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    static Identifier email(String value) {
        return new Identifier(IdentifierType.EMAIL, value);
    }

    static Identifier phone(String value) {
        return new Identifier(IdentifierType.PHONE, value);
    }

    static Identifier shop(String value) {
        return new Identifier(IdentifierType.SHOP_CUSTOMER_ID, value);
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.api.Assertions.tuple(values);
    }
}
