package io.omnirouter.history.followup.web;

import io.omnirouter.history.audit.web.AboutCustomers;
import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.followup.application.TrackingPromises;
import io.omnirouter.history.followup.model.Promise;
import io.omnirouter.history.followup.model.PromiseCounts;
import io.omnirouter.history.followup.model.PromiseTally;
import io.omnirouter.history.shared.asof.PastReads;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The promise tracker (docs/follow-up-policy.md, "The promise tracker"): which promises made to customers were kept,
 * kept late or broken, per customer and per queue.
 */
@RestController
class PromiseController {

    /** The queues' tracker counts the promises of the last week unless told otherwise. */
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

    private final TrackingPromises tracking;
    private final PastReads pastReads;
    private final Clock clock;

    PromiseController(TrackingPromises tracking, PastReads pastReads, Clock clock) {
        this.tracking = tracking;
        this.pastReads = pastReads;
        this.clock = clock;
    }

    /** A promise: the task that holds it, and how it turned out as of the instant answered for. */
    record PromiseResponse(UUID taskId, String type, String outcome, Instant madeAt, Instant dueAt, UUID triggerContactId,
                           String threadKey, String triggerChannel, String queue, String assignee, Instant keptAt,
                           UUID keptByContactId) {

        static PromiseResponse of(Promise promise) {
            var task = promise.task();
            boolean kept = promise.outcome().isKept();
            return new PromiseResponse(task.taskId(), task.type().name(), promise.outcome().name(), task.createdAt(), task.dueAt(),
                    task.triggerContactId(), task.threadKey(), task.triggerChannel().name(), task.queue(), task.assignee(),
                    kept ? task.closedAt() : null, kept ? task.closedByContactId() : null);
        }
    }

    /**
     * @param promises the newest first
     * @param counts   all the customer's promises counted, not only those listed
     * @param at       the instant the outcomes are as of
     */
    record CustomerPromisesResponse(UUID customerId, List<PromiseResponse> promises, PromiseCounts counts, Instant at)
            implements AboutCustomers {

        @Override
        public Collection<UUID> customersRead() {
            return List.of(customerId);
        }
    }

    @GetMapping("/api/customers/{customerId}/promises")
    @ReadsCustomerData
    @Operation(summary = "The customer's promises (promised replies, callbacks, call summaries), newest first, each kept, kept late, broken or pending on event time")
    @ApiResponse(responseCode = "200", description = "the newest promises and all of them counted")
    @ApiResponse(responseCode = "400", description = "a malformed customer id, limit or asOf (problem details)")
    @ApiResponse(responseCode = "404", description = "no such customer (problem details)")
    CustomerPromisesResponse ofCustomer(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String customerId,
                                        @Parameter(description = "promises listed (default and maximum: the task page size)",
                                                schema = @Schema(type = "integer", minimum = "1"))
                                        @RequestParam(required = false) String limit,
                                        @Parameter(description = "answer as the API would have at this past instant (ISO-8601; docs/as-of.md)")
                                        @RequestParam(required = false) String asOf) {
        UUID customer = RequestParameters.uuid("customerId", customerId);
        Integer size = RequestParameters.limit(limit);
        Instant past = RequestParameters.asOf(asOf);
        Instant at = Objects.requireNonNullElseGet(past, clock::instant);
        TrackingPromises.CustomerPromises promises = pastReads.nowOrAsOf(past, () -> tracking.ofCustomer(customer, size, at));
        return new CustomerPromisesResponse(promises.customerId(), promises.promises().stream().map(PromiseResponse::of).toList(),
                promises.counts(), at);
    }

    /** @param counts the promises of every queue together */
    record QueuePromisesResponse(Instant from, Instant until, Instant at, List<PromiseTally> byQueueAndType, PromiseCounts counts) {
    }

    @GetMapping("/api/promises")
    @Operation(summary = "Promises made in a period by queue and type, counted by outcome in the database (the queues' promise tracker)")
    @ApiResponse(responseCode = "200", description = "the counts by queue and type, and their sum")
    @ApiResponse(responseCode = "400", description = "a malformed from, until or asOf, from not before until, or a period over 366 days (problem details)")
    QueuePromisesResponse byQueue(@Parameter(description = "promises made from this instant (ISO-8601; default: a week before until)")
                                  @RequestParam(required = false) String from,
                                  @Parameter(description = "promises made before this instant (ISO-8601; default: now, or asOf)")
                                  @RequestParam(required = false) String until,
                                  @Parameter(description = "only this queue") @RequestParam(required = false) String queue,
                                  @Parameter(description = "answer as the API would have at this past instant (ISO-8601; docs/as-of.md)")
                                  @RequestParam(required = false) String asOf) {
        Instant past = RequestParameters.asOf(asOf);
        Instant at = Objects.requireNonNullElseGet(past, clock::instant);
        Instant to = Objects.requireNonNullElse(RequestParameters.instant("until", until), at);
        Instant since = Objects.requireNonNullElse(RequestParameters.instant("from", from), to.minus(DEFAULT_PERIOD));
        String only = RequestParameters.text("queue", queue);
        List<PromiseTally> tallies = pastReads.nowOrAsOf(past, () -> tracking.byQueue(since, to, only, at));
        return new QueuePromisesResponse(since, to, at, tallies, PromiseCounts.sum(tallies.stream().map(PromiseTally::counts).toList()));
    }
}
