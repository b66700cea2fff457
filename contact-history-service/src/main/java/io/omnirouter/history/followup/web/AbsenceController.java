package io.omnirouter.history.followup.web;

import io.omnirouter.history.followup.application.KeepingPromises;
import io.omnirouter.history.shared.web.RequestParameters;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agents' absences (handler continuity: tasks are not suggested to an absent agent). Supervisors only
 * (security configuration).
 */
@RestController
@RequestMapping("/api/agents/{agentId}/absence")
class AbsenceController {

    private final KeepingPromises keeping;

    AbsenceController(KeepingPromises keeping) {
        this.keeping = keeping;
    }

    record Absence(Instant from, Instant until) {
    }

    @PutMapping
    ResponseEntity<Void> markAbsent(@PathVariable String agentId, @RequestBody Absence absence, Authentication user) {
        keeping.markAbsent(RequestParameters.requiredText("agentId", agentId),
                RequestParameters.instant("from", absence == null ? null : absence.from()),
                RequestParameters.instant("until", absence == null ? null : absence.until()), user.getName());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping
    ResponseEntity<Void> clear(@PathVariable String agentId) {
        return keeping.clearAbsence(RequestParameters.requiredText("agentId", agentId))
                ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }
}
