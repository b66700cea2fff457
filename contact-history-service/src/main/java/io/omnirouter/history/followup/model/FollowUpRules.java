package io.omnirouter.history.followup.model;

import io.omnirouter.contact.Channel;
import io.omnirouter.history.consent.model.ConsentPurpose;
import io.omnirouter.history.consent.model.Consents;
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

    /** The settings the rules apply, every value (part of the follow-up's fingerprint: PromiseKeeping#fingerprint). */
    @Override
    public String toString() {
        return settings.toString();
    }

    /** Every row, in the table's order. */
    public List<Function<Contact, Optional<Opening>>> rows() {
        return List.of(this::inboundMessageNeedsReply, this::unhappyPublicCommentNeedsReply, this::promisedReplyReplacesReply,
                this::missedCallNeedsCallback, this::requestedCallbackIsKept, this::answeredCallNeedsWrittenSummary,
                this::complaintNeedsOwner, this::unhappyCustomerNeedsRecovery, this::cancelledOrReturnedOrderNeedsFollowUp,
                this::deliveredOrderGetsSurvey, this::reviewGetsThankYou);
    }

    // Every rule that depends on the kind switches over all of them, without a default: a kind added to the contract
    // (ContactKind) does not compile until each of these rules says what it does with it.

    /**
     * Inbound email, chat message, web-shop contact form or private social message → REPLY, email/form 2 h, chat
     * 15 min, social message 1 h.
     */
    Optional<Opening> inboundMessageNeedsReply(Contact c) {
        if (c.direction() != Direction.INBOUND) {
            return Optional.empty();
        }
        return switch (c.kind()) {
            case EMAIL -> opening(c, TaskType.REPLY, settings.emailReply(), "inbound email needs a reply");
            case CHAT_MESSAGE -> opening(c, TaskType.REPLY, settings.chatReply(), "chat message needs a reply");
            case CONTACT_FORM -> opening(c, TaskType.REPLY, settings.contactFormReply(), "contact form needs a reply");
            case SOCIAL_MESSAGE -> opening(c, TaskType.REPLY, settings.socialMessageReply(), "private social message needs a reply");
            // A public comment needs a reply only when it is unhappy: unhappyPublicCommentNeedsReply.
            case CALL_ANSWERED, CALL_MISSED, CALL_ABANDONED, CALL_VOICEMAIL, CALL_BUSY, CALL_FAILED, CHAT_STARTED, CHAT_ENDED,
                 CHAT_TRANSFERRED, ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED, RETURN_REQUESTED,
                 REVIEW_SUBMITTED, CART_ABANDONED, CONSENT_CHANGED, SOCIAL_COMMENT, OTHER -> Optional.empty();
        };
    }

    /**
     * Inbound public comment that complains or rates at most {@code lowRatingThreshold} → REPLY in 30 min: the whole
     * world reads it. (Its complaint also opens COMPLAINT, its low rating RECOVERY, by their own rows.)
     */
    Optional<Opening> unhappyPublicCommentNeedsReply(Contact c) {
        if (c.direction() != Direction.INBOUND || c.intent() != Intent.COMPLAINT && !lowRating(c)) {
            return Optional.empty();
        }
        return switch (c.kind()) {
            case SOCIAL_COMMENT -> opening(c, TaskType.REPLY, settings.publicCommentReply(),
                    c.intent() == Intent.COMPLAINT ? "public complaint needs a quick reply"
                            : "public comment rated " + c.details().rating() + " needs a quick reply");
            case CALL_ANSWERED, CALL_MISSED, CALL_ABANDONED, CALL_VOICEMAIL, CALL_BUSY, CALL_FAILED, EMAIL, CHAT_STARTED,
                 CHAT_MESSAGE, CHAT_ENDED, CHAT_TRANSFERRED, ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED,
                 ORDER_CANCELLED, RETURN_REQUESTED, REVIEW_SUBMITTED, CART_ABANDONED, CONTACT_FORM, CONSENT_CHANGED,
                 SOCIAL_MESSAGE, OTHER -> Optional.empty();
        };
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
        boolean unanswered = switch (c.kind()) {
            case CALL_MISSED, CALL_ABANDONED, CALL_VOICEMAIL -> true;
            case CALL_ANSWERED, CALL_BUSY, CALL_FAILED, EMAIL, CHAT_STARTED, CHAT_MESSAGE, CHAT_ENDED, CHAT_TRANSFERRED,
                 ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED, RETURN_REQUESTED, REVIEW_SUBMITTED,
                 CART_ABANDONED, CONTACT_FORM, CONSENT_CHANGED, SOCIAL_MESSAGE, SOCIAL_COMMENT, OTHER -> false;
        };
        if (c.direction() != Direction.INBOUND || !unanswered) {
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
        boolean answered = switch (c.kind()) {
            case CALL_ANSWERED -> true;
            case CALL_MISSED, CALL_ABANDONED, CALL_VOICEMAIL, CALL_BUSY, CALL_FAILED, EMAIL, CHAT_STARTED, CHAT_MESSAGE,
                 CHAT_ENDED, CHAT_TRANSFERRED, ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED,
                 RETURN_REQUESTED, REVIEW_SUBMITTED, CART_ABANDONED, CONTACT_FORM, CONSENT_CHANGED, SOCIAL_MESSAGE,
                 SOCIAL_COMMENT, OTHER -> false;
        };
        if (!answered || c.agentId() == null) {
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
        boolean unresolvedChat = switch (c.kind()) {
            case CHAT_ENDED -> Boolean.FALSE.equals(c.details().resolved());
            case CALL_ANSWERED, CALL_MISSED, CALL_ABANDONED, CALL_VOICEMAIL, CALL_BUSY, CALL_FAILED, EMAIL, CHAT_STARTED,
                 CHAT_MESSAGE, CHAT_TRANSFERRED, ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED,
                 RETURN_REQUESTED, REVIEW_SUBMITTED, CART_ABANDONED, CONTACT_FORM, CONSENT_CHANGED, SOCIAL_MESSAGE,
                 SOCIAL_COMMENT, OTHER -> false;
        };
        boolean unhappy = lowRating(c);
        if (!unresolvedChat && !unhappy) {
            return Optional.empty();
        }
        return opening(c, TaskType.RECOVERY, settings.recovery(),
                unhappy ? "unhappy customer (rating " + c.details().rating() + ")" : "chat ended unresolved");
    }

    /** Order cancelled or return requested → ORDER_FOLLOW_UP in 24 h. */
    Optional<Opening> cancelledOrReturnedOrderNeedsFollowUp(Contact c) {
        return switch (c.kind()) {
            case ORDER_CANCELLED -> opening(c, TaskType.ORDER_FOLLOW_UP, settings.orderFollowUp(), "order cancelled");
            case RETURN_REQUESTED -> opening(c, TaskType.ORDER_FOLLOW_UP, settings.orderFollowUp(), "return requested");
            case CALL_ANSWERED, CALL_MISSED, CALL_ABANDONED, CALL_VOICEMAIL, CALL_BUSY, CALL_FAILED, EMAIL, CHAT_STARTED,
                 CHAT_MESSAGE, CHAT_ENDED, CHAT_TRANSFERRED, ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED,
                 REVIEW_SUBMITTED, CART_ABANDONED, CONTACT_FORM, CONSENT_CHANGED, SOCIAL_MESSAGE, SOCIAL_COMMENT,
                 OTHER -> Optional.empty();
        };
    }

    /** Order delivered → SURVEY in 2 days. */
    Optional<Opening> deliveredOrderGetsSurvey(Contact c) {
        return switch (c.kind()) {
            case ORDER_DELIVERED -> opening(c, TaskType.SURVEY, settings.survey(), "order delivered: ask how it went");
            case CALL_ANSWERED, CALL_MISSED, CALL_ABANDONED, CALL_VOICEMAIL, CALL_BUSY, CALL_FAILED, EMAIL, CHAT_STARTED,
                 CHAT_MESSAGE, CHAT_ENDED, CHAT_TRANSFERRED, ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_CANCELLED,
                 RETURN_REQUESTED, REVIEW_SUBMITTED, CART_ABANDONED, CONTACT_FORM, CONSENT_CHANGED, SOCIAL_MESSAGE,
                 SOCIAL_COMMENT, OTHER -> Optional.empty();
        };
    }

    /** Review submitted → THANK_YOU in 1 day. */
    Optional<Opening> reviewGetsThankYou(Contact c) {
        return switch (c.kind()) {
            case REVIEW_SUBMITTED -> opening(c, TaskType.THANK_YOU, settings.thankYou(), "review submitted");
            case CALL_ANSWERED, CALL_MISSED, CALL_ABANDONED, CALL_VOICEMAIL, CALL_BUSY, CALL_FAILED, EMAIL, CHAT_STARTED,
                 CHAT_MESSAGE, CHAT_ENDED, CHAT_TRANSFERRED, ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED,
                 ORDER_CANCELLED, RETURN_REQUESTED, CART_ABANDONED, CONTACT_FORM, CONSENT_CHANGED, SOCIAL_MESSAGE,
                 SOCIAL_COMMENT, OTHER -> Optional.empty();
        };
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
            case CALLBACK -> c.direction() == Direction.OUTBOUND && isAnsweredCall(c);
            case CALL_SUMMARY -> c.direction() == Direction.OUTBOUND && isEmail(c);
            case SURVEY -> c.direction() == Direction.INBOUND && c.details().rating() != null;
            case COMPLAINT, RECOVERY, ORDER_FOLLOW_UP, THANK_YOU -> false;
        };
    }

    /**
     * An answer to the customer, not a mere acknowledgement: an outbound email, an agent's chat message, an answered
     * outbound call, an outbound social message or comment.
     */
    private static boolean isReply(Contact c) {
        if (c.direction() != Direction.OUTBOUND || c.details().promisedReplyBy() != null) {
            return false;
        }
        return switch (c.kind()) {
            case EMAIL, CALL_ANSWERED, SOCIAL_MESSAGE, SOCIAL_COMMENT -> true;
            // Bots and the chat system write to the customer too (a greeting, "an agent will be with you shortly"), but
            // only a person answers the question.
            case CHAT_MESSAGE -> !writtenByMachine(c);
            case CALL_MISSED, CALL_ABANDONED, CALL_VOICEMAIL, CALL_BUSY, CALL_FAILED, CHAT_STARTED, CHAT_ENDED, CHAT_TRANSFERRED,
                 ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED, RETURN_REQUESTED, REVIEW_SUBMITTED,
                 CART_ABANDONED, CONTACT_FORM, CONSENT_CHANGED, OTHER -> false;
        };
    }

    /** A chat step written by a bot or by the chat system (ContactEvent.chatAuthor BOT or SYSTEM). */
    private static boolean writtenByMachine(Contact c) {
        String author = c.details().chatAuthor();
        return "BOT".equals(author) || "SYSTEM".equals(author);
    }

    private static boolean isAnsweredCall(Contact c) {
        return switch (c.kind()) {
            case CALL_ANSWERED -> true;
            case CALL_MISSED, CALL_ABANDONED, CALL_VOICEMAIL, CALL_BUSY, CALL_FAILED, EMAIL, CHAT_STARTED, CHAT_MESSAGE,
                 CHAT_ENDED, CHAT_TRANSFERRED, ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED,
                 RETURN_REQUESTED, REVIEW_SUBMITTED, CART_ABANDONED, CONTACT_FORM, CONSENT_CHANGED, SOCIAL_MESSAGE,
                 SOCIAL_COMMENT, OTHER -> false;
        };
    }

    private static boolean isEmail(Contact c) {
        return switch (c.kind()) {
            case EMAIL -> true;
            case CALL_ANSWERED, CALL_MISSED, CALL_ABANDONED, CALL_VOICEMAIL, CALL_BUSY, CALL_FAILED, CHAT_STARTED, CHAT_MESSAGE,
                 CHAT_ENDED, CHAT_TRANSFERRED, ORDER_PLACED, ORDER_PAID, ORDER_SHIPPED, ORDER_DELIVERED, ORDER_CANCELLED,
                 RETURN_REQUESTED, REVIEW_SUBMITTED, CART_ABANDONED, CONTACT_FORM, CONSENT_CHANGED, SOCIAL_MESSAGE,
                 SOCIAL_COMMENT, OTHER -> false;
        };
    }

    /** A satisfaction, review or comment rating at or below {@code lowRatingThreshold}. */
    private boolean lowRating(Contact c) {
        Integer rating = c.details().rating();
        return rating != null && rating <= settings.lowRatingThreshold();
    }

    private Optional<Opening> opening(Contact c, TaskType type, Duration due, String reason) {
        Priority priority = type == TaskType.COMPLAINT && c.priority().compareTo(Priority.HIGH) < 0 ? Priority.HIGH : c.priority();
        Instant dueAt = settings.calendarOf(c.queue()).addWorkingTime(c.occurredAt(), due);
        return Optional.of(new Opening(type, dueAt, priority, c.queue(), reason));
    }
}
