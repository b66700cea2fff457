package io.omnirouter.history.customer.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.history.customer.model.MergeProtection;
import io.omnirouter.identifiers.IdentifierType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IdentityPropertiesTest {

    private static IdentityProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("omnirouter.history.identity", IdentityProperties.class);
    }

    @Test
    void everyTypesLimitReachesTheMergeProtection() {
        MergeProtection protection = bind(Map.of(
                "omnirouter.history.identity.limits.emails", "4",
                "omnirouter.history.identity.limits.phones", "3",
                "omnirouter.history.identity.limits.shop-customer-ids", "1",
                "omnirouter.history.identity.limits.chat-visitor-ids", "9",
                "omnirouter.history.identity.limits.social-handles", "2",
                "omnirouter.history.identity.max-customers-per-identifier", "7")).protection();

        assertThat(protection.limit(IdentifierType.EMAIL)).isEqualTo(4);
        assertThat(protection.limit(IdentifierType.PHONE)).isEqualTo(3);
        assertThat(protection.limit(IdentifierType.SHOP_CUSTOMER_ID)).isEqualTo(1);
        assertThat(protection.limit(IdentifierType.CHAT_VISITOR_ID)).isEqualTo(9);
        assertThat(protection.limit(IdentifierType.SOCIAL_HANDLE)).isEqualTo(2);
    }

    /** A deployment's configuration written before social handles existed still starts, with their default limit. */
    @Test
    void limitsWrittenBeforeSocialHandlesGetTheirDefault() {
        MergeProtection protection = bind(Map.of(
                "omnirouter.history.identity.limits.emails", "5",
                "omnirouter.history.identity.limits.phones", "5",
                "omnirouter.history.identity.limits.shop-customer-ids", "1",
                "omnirouter.history.identity.limits.chat-visitor-ids", "20",
                "omnirouter.history.identity.max-customers-per-identifier", "10")).protection();

        assertThat(protection.limit(IdentifierType.SOCIAL_HANDLE)).isEqualTo(MergeProtection.defaultLimit(IdentifierType.SOCIAL_HANDLE));
    }
}
