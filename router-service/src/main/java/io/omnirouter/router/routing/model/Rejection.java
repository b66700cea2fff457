package io.omnirouter.router.routing.model;

import java.util.Locale;

/**
 * Every reason the router refuses a decodable channel event, with its reason template: the one place these texts
 * live (README "Dead letters" lists them, {@code RejectionReadmeTest} keeps the two in step). The arguments are field
 * names, numbers, times and schema names, never a value the customer or the adapter typed: a reason is logged and
 * kept on the dead-letter topic, so it must not carry personal data. Templates are constants, so a record's text can
 * never become a format string.
 */
public enum Rejection {

    /** The record has no value. */
    TOMBSTONE("empty record value (tombstone): channel topics carry events only"),
    /** Topic, the schema it carries, the schema the record was written with. */
    SCHEMA_OF_ANOTHER_TOPIC("%s carries %s, got %s"),
    /** The schema's full name. */
    NOT_A_CHANNEL_EVENT("not a channel event: %s"),
    /** The field. */
    REQUIRED_FIELD_BLANK("%s is required and must not be blank"),
    /** The field, the limit, the length. */
    ID_TOO_LONG("%s is longer than %d characters (%d): ids must fit an index entry"),
    /** The field, the character as U+XXXX. */
    ID_WITH_INVISIBLE_CHARACTER("%s contains the control or invisible character %s: ids must be printable"),
    /** The field, the position of the first NUL. */
    TEXT_WITH_NUL("%s contains U+0000 (NUL) at character %d: PostgreSQL text cannot hold it, and texts are stored as sent"
            + " or not at all"),
    /** The event time, the earliest plausible one. */
    OCCURRED_TOO_EARLY("meta.occurredAt %s is before %s: not a plausible event time (seconds sent as milliseconds?)"),
    /** The event time, the allowed skew, the router's clock. */
    OCCURRED_IN_THE_FUTURE("meta.occurredAt %s is more than %s in the future (router clock %s): adapter clock or unit wrong"),
    /** No argument: every identifier absent or blank. */
    NO_CUSTOMER_IDENTIFIER("no customer identifier: customer.phone, email, shopCustomerId, chatVisitorId and socialHandle"
            + " (channel.social's customerHandle) are all empty"),
    /** Why each present identifier was dropped, joined by "; ". */
    NO_USABLE_CUSTOMER_IDENTIFIER("no usable customer identifier: %s"),
    /** The duration. */
    NEGATIVE_DURATION("durationSeconds must not be negative, got %d"),
    /** The field, the rating. */
    RATING_OUT_OF_RANGE("%s must be between 1 and 5, got %d"),
    /** No argument. */
    MAIL_WITHOUT_THREAD_ID("messageId has no id inside its angle brackets, and neither do inReplyTo and references:"
            + " the mail cannot be threaded"),
    /**
     * The exception class of a failure nobody foresaw. Its message is not used: it may quote the record (an
     * identifier, a text), and the record's coordinates in the router's log lead to the stack trace.
     */
    UNEXPECTED_FAILURE("unexpected failure routing this record (%s): a defect of the router, its log has the details");

    private final String template;

    Rejection(String template) {
        this.template = template;
    }

    public String template() {
        return template;
    }

    /** The reason for these arguments. */
    public String reason(Object... arguments) {
        return String.format(Locale.ROOT, template, arguments);
    }
}
