package io.omnirouter.history.shared.erasure;

/**
 * A feature's part of an erasure (docs/personal-data.md, "Erasure"): it deletes what it keeps of the erased customer,
 * its as-of history included, in the caller's transaction. Every feature that keeps customer data has one; the
 * erasure calls them in their {@code @Order}, so that rows go before the rows they refer to (tasks and notes, then
 * contacts, then customers).
 */
public interface ErasesCustomerData {

    /** Deletes this feature's rows of {@code erased}; a second call finds nothing left. */
    void erase(ErasedData erased);
}
