package io.omnirouter.history.conversation.application;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaultPageSize contacts per page of a thread when the client gives no limit
 * @param maxPageSize     the largest limit a client may ask for (whole texts: pages are heavier than the timeline's)
 */
@Validated
@ConfigurationProperties("omnirouter.history.conversation")
public record ConversationProperties(@Min(1) @DefaultValue("100") int defaultPageSize,
                                     @Min(1) @Max(1000) @DefaultValue("500") int maxPageSize) {

    @AssertTrue(message = "default-page-size must not exceed max-page-size")
    public boolean isDefaultWithinMax() {
        return defaultPageSize <= maxPageSize;
    }
}
