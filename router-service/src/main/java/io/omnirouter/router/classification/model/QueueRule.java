package io.omnirouter.router.classification.model;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.Intent;
import java.util.Locale;

/**
 * One row of the queue routing table: a contact that matches every condition that is set goes to
 * {@code queue}. Unset (null) conditions match anything; {@code language} matches a BCP 47 prefix
 * ("sl" matches "sl-SI").
 */
public record QueueRule(Channel channel, Intent intent, String segment, String language, String queue) {

    public boolean matches(Channel contactChannel, Intent contactIntent, ClassificationInput input) {
        return (channel == null || channel == contactChannel)
                && (intent == null || intent == contactIntent)
                && (segment == null || segment.equalsIgnoreCase(input.segment() == null ? "" : input.segment()))
                && (language == null || languageMatches(input.language()));
    }

    private boolean languageMatches(String tag) {
        if (tag == null) {
            return false;
        }
        String wanted = language.toLowerCase(Locale.ROOT);
        String actual = tag.toLowerCase(Locale.ROOT).replace('_', '-');
        return actual.equals(wanted) || actual.startsWith(wanted + "-");
    }
}
