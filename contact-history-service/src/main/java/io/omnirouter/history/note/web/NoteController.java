package io.omnirouter.history.note.web;

import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.note.application.KeepingNotes;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.history.shared.action.application.TakingActions;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.action.web.Actors;
import io.omnirouter.history.shared.asof.PastReads;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Internal notes on a customer (agents and supervisors): the next agent reads them first. */
@RestController
@RequestMapping("/api/customers/{customerId}/notes")
class NoteController {

    private final KeepingNotes notes;
    private final TakingActions actions;
    private final PastReads pastReads;

    NoteController(KeepingNotes notes, TakingActions actions, PastReads pastReads) {
        this.notes = notes;
        this.actions = actions;
        this.pastReads = pastReads;
    }

    record Notes(List<NoteResponse> notes) {
    }

    /** @param text at most 2,000 characters; line breaks are kept */
    record NewNote(String text) {
    }

    /**
     * Newest first; those written on customers since merged into this one included. 404 unknown customer. With
     * {@code asOf}, the notes as the API showed them then.
     */
    @GetMapping
    @ReadsCustomerData
    Notes notes(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String customerId,
                @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "100")) @RequestParam(required = false) String limit,
                @Parameter(description = "answer as the API would have at this past instant (ISO-8601, e.g. 2026-12-02T10:32:00Z; docs/as-of.md)")
                @RequestParam(required = false) String asOf) {
        UUID id = RequestParameters.uuid("customerId", customerId);
        Integer size = RequestParameters.limit(limit);
        return new Notes(pastReads.nowOrAsOf(RequestParameters.asOf(asOf), () -> notes.notesOf(id, size))
                .stream().map(NoteResponse::of).toList());
    }

    /**
     * Writes a note (an action on agent.actions): 201 with the customer's notes once applied, the new one first; 400
     * without text, 404 unknown customer, 202 with where to poll if applying takes longer than the API waits.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Notes write(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String customerId,
                @RequestBody NewNote note, Authentication user) {
        UUID id = RequestParameters.uuid("customerId", customerId);
        String text = RequestParameters.freeText("text", note == null ? null : note.text());
        if (text == null) {
            throw InvalidRequestException.of("text", "text is required");
        }
        notes.checkCustomer(id);
        actions.take(Actors.of(user), id, null, new AgentAction.NoteAdded(UUID.randomUUID(), text));
        return notes(customerId, null, null);
    }
}
