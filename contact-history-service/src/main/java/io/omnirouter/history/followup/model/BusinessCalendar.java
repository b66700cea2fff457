package io.omnirouter.history.followup.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * When a queue works: opening hours per weekday in a time zone. Due times count working time only, so a
 * two-hour promise made on Friday evening falls due on Monday morning. {@link #ALWAYS_OPEN} is the default.
 */
public final class BusinessCalendar {

    /** Opening hours of one day; {@code close} after {@code open}, same day. */
    public record Hours(LocalTime open, LocalTime close) {
        public Hours {
            if (!close.isAfter(open)) {
                throw new IllegalArgumentException("closing time " + close + " must be after opening time " + open);
            }
        }
    }

    public static final BusinessCalendar ALWAYS_OPEN = new BusinessCalendar(ZoneId.of("UTC"), null);

    /** A calendar that never opens would make every promise unkeepable; a year without an open hour is a config error. */
    private static final int MAX_DAYS_SEARCHED = 366;

    private final ZoneId zone;
    private final Map<DayOfWeek, Hours> week;

    private BusinessCalendar(ZoneId zone, Map<DayOfWeek, Hours> week) {
        this.zone = zone;
        this.week = week;
    }

    /** @param week opening hours per day; days not in the map are closed */
    public static BusinessCalendar weekly(ZoneId zone, Map<DayOfWeek, Hours> week) {
        Objects.requireNonNull(zone, "zone");
        if (week.isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one open day");
        }
        return new BusinessCalendar(zone, new EnumMap<>(week));
    }

    /** Zone and hours, day by day (part of the follow-up's fingerprint: PromiseKeeping#fingerprint). */
    @Override
    public String toString() {
        return week == null ? "always open" : zone + " " + week;
    }

    /** {@code start} plus {@code workingTime}, counting only opening hours. */
    public Instant addWorkingTime(Instant start, Duration workingTime) {
        if (week == null) {
            return start.plus(workingTime);
        }
        Duration left = workingTime;
        ZonedDateTime cursor = start.atZone(zone);
        for (int day = 0; day < MAX_DAYS_SEARCHED; day++) {
            LocalDate date = cursor.toLocalDate();
            Hours hours = week.get(date.getDayOfWeek());
            if (hours != null) {
                ZonedDateTime open = date.atTime(hours.open()).atZone(zone);
                ZonedDateTime close = date.atTime(hours.close()).atZone(zone);
                ZonedDateTime from = cursor.isAfter(open) ? cursor : open;
                if (from.isBefore(close)) {
                    Duration available = Duration.between(from, close);
                    if (available.compareTo(left) >= 0) {
                        return from.plus(left).toInstant();
                    }
                    left = left.minus(available);
                }
            }
            cursor = date.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("business calendar in " + zone + " has no opening hours within a year");
    }
}
