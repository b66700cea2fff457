package io.omnirouter.history.contact.application;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaultPageSize entries per page when the client gives no limit
 * @param maxPageSize     the largest limit a client may ask for
 * @param excerptLength   characters of a contact's text shown in the timeline; the full text is in the thread view
 */
@Validated
@ConfigurationProperties("omnirouter.history.timeline")
public record TimelineProperties(@Min(1) int defaultPageSize,
                                 @Min(1) @Max(MAX_PAGE_SIZE_CEILING) int maxPageSize,
                                 @Min(1) int excerptLength) {

    /** A page is read in one query and held in memory: a sanity bound on the configurable maximum. */
    static final int MAX_PAGE_SIZE_CEILING = 1000;

    @AssertTrue(message = "default-page-size must not exceed max-page-size")
    public boolean isDefaultWithinMax() {
        return defaultPageSize <= maxPageSize;
    }
}
