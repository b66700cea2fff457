package io.omnirouter.history.contact.application;

import io.omnirouter.history.contact.model.CallbackLink;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Callbacks in the missed call's conversation (contact-history-service/docs/callbacks.md).
 *
 * @param linkWindow how long before an answered outbound call the missed inbound call it answers may have happened
 *                   (default 24 hours); positive
 */
@Validated
@ConfigurationProperties("omnirouter.history.callbacks")
public record CallbackLinkProperties(@NotNull @DefaultValue("PT24H") Duration linkWindow) {

    @AssertTrue(message = "link-window must be positive")
    public boolean isLinkWindowPositive() {
        return linkWindow == null || (!linkWindow.isNegative() && !linkWindow.isZero());
    }

    public CallbackLink link() {
        return new CallbackLink(linkWindow);
    }
}
