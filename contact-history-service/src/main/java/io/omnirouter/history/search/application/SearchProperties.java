package io.omnirouter.history.search.application;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code GET /api/customers/search}.
 *
 * @param defaultPageSize customers per page when the client gives no limit
 * @param maxPageSize     the largest limit a client may ask for
 * @param namesShown      names shown per customer found (the most recently given): enough to tell two apart
 */
@Validated
@ConfigurationProperties("omnirouter.history.search")
public record SearchProperties(@Min(1) int defaultPageSize,
                               @Min(1) @Max(MAX_PAGE_SIZE_CEILING) int maxPageSize,
                               @Min(1) @Max(20) int namesShown) {

    /** Each customer of a page costs a read of its names and identifiers: a sanity bound on the configurable maximum. */
    static final int MAX_PAGE_SIZE_CEILING = 200;

    @AssertTrue(message = "default-page-size must not exceed max-page-size")
    public boolean isDefaultWithinMax() {
        return defaultPageSize <= maxPageSize;
    }
}
