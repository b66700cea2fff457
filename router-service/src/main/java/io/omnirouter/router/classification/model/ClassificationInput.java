package io.omnirouter.router.classification.model;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.Intent;

/**
 * What the classifier looks at.
 *
 * @param kindIntent the intent the event kind itself implies (an order event is about an order), or null
 * @param text       subject and body (or notes, review, message) together; may be null
 * @param rating     satisfaction or review rating 1-5, or null
 * @param segment    B2C / B2B, or null
 * @param language   BCP 47 tag, or null
 */
public record ClassificationInput(Channel channel, Direction direction, Intent kindIntent, String text,
                                  Integer rating, String segment, String language) {
}
