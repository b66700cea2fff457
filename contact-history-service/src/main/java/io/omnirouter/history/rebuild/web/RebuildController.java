package io.omnirouter.history.rebuild.web;

import io.omnirouter.history.rebuild.application.RebuildingHistory;
import io.omnirouter.history.rebuild.model.RebuildStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations (role OPS): rebuilding the projections from contact.events, one rebuild at a time in the cluster. */
@RestController
class RebuildController {

    private static final String PATH = "/api/ops/rebuild";

    private final RebuildingHistory rebuilding;

    RebuildController(RebuildingHistory rebuilding) {
        this.rebuilding = rebuilding;
    }

    /** Starts a rebuild from contact.events offset 0 in the background: 202 with its status, 409 if one runs; follow it with GET. */
    @PostMapping(PATH)
    ResponseEntity<RebuildStatus> start() {
        return ResponseEntity.accepted().header("Location", PATH).body(rebuilding.start());
    }

    /** The running or last rebuild, from the database: every instance answers the same. */
    @GetMapping(PATH)
    RebuildStatus status() {
        return rebuilding.status();
    }
}
