package io.omnirouter.history.erasure.application;

import io.omnirouter.history.erasure.model.ErasedCustomer;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/** The erased stubs ({@code erased_customer}). */
public interface ErasureStore {

    /** The stub of an erased customer id, if it was erased. */
    Optional<ErasedCustomer> find(UUID customerId);

    /** Keeps the stubs; an id that has one keeps its first. */
    void keep(Collection<ErasedCustomer> stubs);
}
