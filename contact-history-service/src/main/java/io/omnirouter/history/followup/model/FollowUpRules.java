package io.omnirouter.history.followup.model;

import io.omnirouter.history.consent.model.ConsentPurpose;
import io.omnirouter.history.consent.model.Consents;
import io.omnirouter.history.contact.model.Channel;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The follow-up rules of contact-history-service/docs/follow-up-policy.md, one method per row of its table, read side by
 * side with it: which contact opens which promise, due when ({@link #opening}); and which contact keeps it ({@link #fulfils}).
 */
public final class FollowUpRules {

    private final FollowUpSettings settings;

    public FollowUpRules(FollowUpSettings settings) {
        this.settings = settings;
    }

    /** Every row, in the table's order. */
    public List<Function<Contact, Optional<Opening>>> rows() {
        return List.of(this::inboundMessageNeedsReply, this::promisedReplyReplacesReply, this::missedCallNeedsCallback,
                this::requestedCallbackIsKept, this::answeredCallNeedsWrittenSummary, this::complaintNeedsOwner,
                this::unhappyCustomerNeedsRecovery, this::cancelledOrReturnedOrderNeedsFollowUp,
                this::deliveredOrderGetsSurvey, this::reviewGetsThankYou);
    }

    /** Inbound email, chat message or web-shop contact form → REPLY, email/form 2 h, chat 15 min. */
    Optional<Opening> inboundMessageNeedsReply(Contact c) {
        if (c.direction() != Direction.INBOUND) {
            return Optional.empty();
        }
        if (c.channel() == Channel.EMAIL) {
            return opening(c, TaskType.REPLY, settings.emailReply(), "inbound email needs a reply");
        }
        if (c.channel() == Channel.CHAT && c.kind().equals("CHAT_MESSAGE")) {
            return opening(c, TaskType.REPLY, settings.chatReply(), "chat message needs a reply");
        }
        if (c.channel() == Channel.WEBSHOP && c.kind().equals("CONTACT_FORM")) {
            return opening(c, TaskType.REPLY, settings.contactFormReply(), "contact form needs a reply");
        }
        return Optional.empty();
    }

    /** Outbound acknowledgement with promisedReplyBy → PROMISED_REPLY at the promised time (replaces REPLY). */
    Optional<Opening> promisedReplyReplacesReply(Contact c) {
        Instant promised = c.details().promisedReplyBy();
        if (c.direction() != Direction.OUTBOUND || promised == null) {
            return Optional.empty();
        }
        return Optional.of(new Opening(TaskType.PROMISED_REPLY, promised, c.priority(), c.queue(),
                "answer promised by " + promised));
    }

    /** Missed, abandoned or voicemail inbound call → CALLBACK in 30 min. */
    Optional<Opening> missedCallNeedsCallback(Contact c) {
        boolean unanswered = List.of("CALL_MISSED", "CALL_ABANDONED", "CALL_VOICEMAIL").contains(c.kind());
        if (c.channel() != Channel.PHONE || c.direction() != Direction.INBOUND || !unanswered) {
            return Optional.empty();
        }
        if (c.details().callbackRequestedAt() != null) {
            // The customer named a time (a voicemail "call me at three"): requestedCallbackIsKept keeps that one.
            return Optional.empty();
        }
        return opening(c, TaskType.CALLBACK, settings.callback(), "unanswered call (" + c.kind() + ") needs a callback");
    }

    /** callbackRequestedAt on a call → CALLBACK at that time. */
    Optional<Opening> requestedCallbackIsKept(Contact c) {
        Instant requested = c.details().callbackRequestedAt();
        if (c.channel() != Channel.PHONE || requested == null) {
            return Optional.empty();
        }
        return Optional.of(new Opening(TaskType.CALLBACK, requested, c.priority(), c.queue(), "callback agreed for " + requested));
    }

    /** Answered call handled by an agent → CALL_SUMMARY (confirm the agreements in writing) in 2 h. */
    Optional<Opening> answeredCallNeedsWrittenSummary(Contact c) {
        if (c.channel() != Channel.PHONE || !c.kind().equals("CALL_ANSWERED") || c.agentId() == null) {
            return Optional.empty();
        }
        return opening(c, TaskType.CALL_SUMMARY, settings.callSummary(), "call agreements to confirm in writing");
    }

    /** Complaint intent on any channel → COMPLAINT with an owner, in 24 h. */
    Optional<Opening> complaintNeedsOwner(Contact c) {
        if (c.direction() != Direction.INBOUND || c.intent() != Intent.COMPLAINT) {
            return Optional.empty();
        }
        return opening(c, TaskType.COMPLAINT, settings.complaint(), "complaint on " + c.channel());
    }

    /** Chat ended unresolved, or satisfaction / rating ≤ 2 → RECOVERY in 24 h. */
    Optional<Opening> unhappyCustomerNeedsRecovery(Contact c) {
        Integer rating = c.details().rating();
        boolean unresolvedChat = c.kind().equals("CHAT_ENDED") && Boolean.FALSE.equals(c.details().resolved());
        boolean unhappy = rating != null && rating <= settings.lowRatingThreshold();
        if (!unresolvedChat && !unhappy) {
            return Optional.empty();
        }
        return opening(c, TaskType.RECOVERY, settings.recovery(),
                unhappy ? "unhappy customer (rating " + rating + ")" : "chat ended unresolved");
    }

    /** Order cancelled or return requested → ORDER_FOLLOW_UP in 24 h. */
    Optional<Opening> cancelledOrReturnedOrderNeedsFollowUp(Contact c) {
        if (!c.kind().equals("ORDER_CANCELLED") && !c.kind().equals("RETURN_REQUESTED")) {
            return Optional.empty();
        }
        return opening(c, TaskType.ORDER_FOLLOW_UP, settings.orderFollowUp(), c.kind().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    /** Order delivered → SURVEY in 2 days. */
    Optional<Opening> deliveredOrderGetsSurvey(Contact c) {
        return c.kind().equals("ORDER_DELIVERED")
                ? opening(c, TaskType.SURVEY, settings.survey(), "order delivered: ask how it went")
                : Optional.empty();
    }

    /** Review submitted → THANK_YOU in 1 day. */
    Optional<Opening> reviewGetsThankYou(Contact c) {
        return c.kind().equals("REVIEW_SUBMITTED")
                ? opening(c, TaskType.THANK_YOU, settings.thankYou(), "review submitted")
                : Optional.empty();
    }

    /**
     * The consent column: the consent a task of {@code type} needs, for the tasks that contact the customer for
     * marketing (SURVEY: MARKETING_SURVEYS, THANK_YOU: THANK_YOU_MESSAGES). Such a task is not opened while the
     * customer has withdrawn it, and an open one is cancelled when the customer withdraws it; never given counts as
     * allowed. Service tasks need none.
     */
    public Optional<ConsentPurpose> consentNeededFor(TaskType type) {
        return switch (type) {
            case SURVEY -> Optional.of(ConsentPurpose.MARKETING_SURVEYS);
            case THANK_YOU -> Optional.of(ConsentPurpose.THANK_YOU_MESSAGES);
            case REPLY, PROMISED_REPLY, CALLBACK, CALL_SUMMARY, COMPLAINT, RECOVERY, ORDER_FOLLOW_UP -> Optional.empty();
        };
    }

    /** Whether a task of {@code type} may contact the customer with {@code consents} as they stand. */
    public boolean consented(TaskType type, Consents consents) {
        return consentNeededFor(type).map(consents::allows).orElse(true);
    }

    /** The "closes when" column: whether {@code c} keeps the promise {@code task}. Agent-only tasks return false. */
    public boolean fulfils(Contact c, FollowUpTask task) {
        if (c.occurredAt().isBefore(task.createdAt()) || c.contactId().equals(task.triggerContactId())) {
            return false;
        }
        return switch (task.type()) {
            case REPLY, PROMISED_REPLY -> isReply(c) && (settings.anyChannelReplyCounts() || c.threadKey().equals(task.threadKey()));
            case CALLBACK -> c.channel() == Channel.PHONE && c.direction() == Direction.OUTBOUND && c.kind().equals("CALL_ANSWERED");
            case CALL_SUMMARY -> c.channel() == Channel.EMAIL && c.direction() == Direction.OUTBOUND;
            case SURVEY -> c.direction() == Direction.INBOUND && c.details().rating() != null;
            case COMPLAINT, RECOVERY, ORDER_FOLLOW_UP, THANK_YOU -> false;
        };
    }

    /** An answer to the customer: outbound email or agent chat message, not a mere acknowledgement. */
    private static boolean isReply(Contact c) {
        if (c.direction() != Direction.OUTBOUND || c.details().promisedReplyBy() != null) {
            return false;
        }
        return c.channel() == Channel.EMAIL
                || (c.channel() == Channel.CHAT && c.kind().equals("CHAT_MESSAGE"))
                || (c.channel() == Channel.PHONE && c.kind().equals("CALL_ANSWERED"));
    }

    private Optional<Opening> opening(Contact c, TaskType type, Duration due, String reason) {
        Priority priority = type == TaskType.COMPLAINT && c.priority().compareTo(Priority.HIGH) < 0 ? Priority.HIGH : c.priority();
        Instant dueAt = settings.calendarOf(c.queue()).addWorkingTime(c.occurredAt(), due);
        return Optional.of(new Opening(type, dueAt, priority, c.queue(), reason));
    }
}
