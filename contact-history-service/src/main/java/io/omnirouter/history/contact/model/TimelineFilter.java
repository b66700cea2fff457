package io.omnirouter.history.contact.model;

import io.omnirouter.contact.Channel;
import java.util.Optional;

/**
 * Which of a customer's contacts a timeline page shows: each criterion present narrows it, an absent one lets every
 * value through. The console's filters by channel, direction and intent.
 */
public record TimelineFilter(Optional<Channel> channel, Optional<Direction> direction, Optional<Intent> intent) {

    public static final TimelineFilter EVERYTHING = new TimelineFilter(Optional.empty(), Optional.empty(), Optional.empty());

    /** Each argument may be null: no criterion on it. */
    public static TimelineFilter of(Channel channel, Direction direction, Intent intent) {
        return new TimelineFilter(Optional.ofNullable(channel), Optional.ofNullable(direction), Optional.ofNullable(intent));
    }
}
