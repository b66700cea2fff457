package io.omnirouter.router.routing.channel;

/**
 * The free texts of a contact as the channel sent them, before the router bounds them and the classifier reads them.
 *
 * @param subject an e-mail subject; null on the channels that have none
 * @param text    the body, message, comment, notes or form text; may be null
 */
public record ContactText(String subject, String text) {

    /** A text without a subject, as on every channel but e-mail. */
    public static ContactText of(String text) {
        return new ContactText(null, text);
    }
}
