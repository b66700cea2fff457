package io.omnirouter.faults;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.omnirouter.local.Machine;

/**
 * Everything a run found, as the report prints it and the results file keeps it.
 *
 * @param eventsAcknowledged     distinct events the brokers acknowledged under faults
 * @param lost                   acknowledged events the history does not hold
 * @param duplicated             events the history holds more than once
 * @param referenceLost          the same two for the fault-free reference run (a defect even without faults)
 * @param contactEventDuplicates source events that contact.events (read committed) holds more than once
 * @param taskVersionConflicts   (task id, version) pairs that followup.tasks carries with two contents
 * @param deadLetters            records per dead-letter topic (the workload is valid: there should be none)
 * @param laggingGroups          consumer groups with records still to read once everything had time to drain
 * @param openTransactions       transactions the coordinators still hold open then
 * @param followUpBacklog        follow-up work left undone then (pending contacts, outbox rows, due escalations)
 * @param faults                 faults injected, per kind
 * @param recoverySeconds        per kind, the worst time from a fault until freshness was back under one second
 */
record RunResult(String profile, long seed, Instant date, Machine machine, long eventsPlanned, long resends,
                 long eventsAcknowledged, long failedSends, long lost, long duplicated, long referenceLost,
                 long referenceDuplicated, boolean stateEqualsReference, Map<String, StateComparison.Divergence> divergences,
                 long contactEvents, long contactEventDuplicates, long taskVersions, long taskVersionConflicts,
                 Map<String, Long> deadLetters, List<String> deadLetterReasons, Map<String, Long> laggingGroups,
                 Map<String, String> openTransactions, long followUpBacklog, Map<FaultKind, Long> faults,
                 Map<FaultKind, Double> recoverySeconds, List<FaultInjector.UnexpectedExit> unexpectedExits,
                 long referenceSeconds, long faultRunSeconds) {

    /** Nothing lost, nothing twice, the same state as the reference, every log clean, nothing left undone. */
    boolean passed() {
        return lost == 0 && duplicated == 0 && referenceLost == 0 && referenceDuplicated == 0 && stateEqualsReference
                && contactEventDuplicates == 0 && taskVersionConflicts == 0 && deadLetters.isEmpty() && laggingGroups.isEmpty()
                && openTransactions.isEmpty() && followUpBacklog == 0;
    }
}
