package io.omnirouter.history.contact.application;

import io.omnirouter.history.contact.model.RecordFault;
import io.omnirouter.history.contact.model.RecordFaultPolicy;
import java.util.Optional;

/** Reads a failure to store contacts the way {@link RecordFaultPolicy} judges it: by the database's SQLState. */
public interface RecordFaultDiagnosis {

    /** The record's fault behind {@code failure}, empty if it is taken for a transient one (the database away). */
    Optional<RecordFault> recordFaultIn(RuntimeException failure);
}
