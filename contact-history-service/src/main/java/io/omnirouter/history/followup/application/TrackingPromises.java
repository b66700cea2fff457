package io.omnirouter.history.followup.application;

import io.omnirouter.history.customer.application.CustomerNotFoundException;
import io.omnirouter.history.customer.application.LookingUpCustomers;
import io.omnirouter.history.followup.model.Promise;
import io.omnirouter.history.followup.model.PromiseCounts;
import io.omnirouter.history.followup.model.PromiseTally;
import io.omnirouter.history.shared.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The promise tracker: the promises made to customers ({@link Promise#KINDS}) and whether each was kept, kept late or
 * broken, on event time; per customer and per queue.
 */
@Service
public class TrackingPromises {

    /** The longest period the queues' tracker counts over at once: a year of promises is a bounded range scan. */
    public static final Duration LONGEST_PERIOD = Duration.ofDays(366);

    private final FollowUpStore store;
    private final LookingUpCustomers customers;
    private final FollowUpProperties properties;

    public TrackingPromises(FollowUpStore store, LookingUpCustomers customers, FollowUpProperties properties) {
        this.store = store;
        this.customers = customers;
        this.properties = properties;
    }

    /**
     * The customer's promises.
     *
     * @param promises the newest promises, at most {@code limit}
     * @param counts   all its promises counted
     */
    public record CustomerPromises(UUID customerId, List<Promise> promises, PromiseCounts counts) {
    }

    /**
     * The customer's (as it goes by now, merged customers' included) newest promises, and all of them counted, as of
     * {@code now}.
     *
     * @param limit null for the configured page size
     * @throws CustomerNotFoundException if there is no such customer
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CustomerPromises ofCustomer(UUID customerId, Integer limit, Instant now) {
        int size = properties.api().pageSize(limit);
        UUID current = customers.currentId(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
        List<Promise> promises = store.promisesOf(current, Promise.KINDS, size).stream().map(task -> Promise.of(task, now)).toList();
        PromiseCounts counts = PromiseCounts.sum(store.promiseTallies(Promise.KINDS, current, null, null, null, now).stream()
                .map(PromiseTally::counts).toList());
        return new CustomerPromises(current, promises, counts);
    }

    /**
     * The promises made from {@code from} until {@code until}, by queue and type, counted in the database as of
     * {@code now}.
     *
     * @param queue only this queue; null for all
     * @throws InvalidRequestException if the period is empty or longer than {@link #LONGEST_PERIOD}
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<PromiseTally> byQueue(Instant from, Instant until, String queue, Instant now) {
        if (!from.isBefore(until)) {
            throw InvalidRequestException.of("from", "from must be before until");
        }
        if (Duration.between(from, until).compareTo(LONGEST_PERIOD) > 0) {
            throw InvalidRequestException.of("from", "the period from from to until is at most " + LONGEST_PERIOD.toDays() + " days");
        }
        return store.promiseTallies(Promise.KINDS, null, from, until, queue, now);
    }
}
