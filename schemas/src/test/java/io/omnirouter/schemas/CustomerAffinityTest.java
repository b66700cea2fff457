package io.omnirouter.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.contact.CustomerIdentifiers;
import org.junit.jupiter.api.Test;

class CustomerAffinityTest {

    private static CustomerIdentifiers identifiers(String phone, String email, String shop, String chat, String social) {
        return new CustomerIdentifiers(phone, email, shop, chat, social);
    }

    @Test
    void theEmailAddressAnchorsAContactThatCarriesOneWhateverElseItCarries() {
        assertThat(CustomerAffinity.anchorOf(identifiers("+38641123456", "ana@example.com", "C-1", "v-1", "whatsapp:38641123456")))
                .contains("email:ana@example.com");
    }

    @Test
    void withoutAnEmailAddressThePhoneThenTheShopIdThenTheChatVisitorThenTheHandleAnchorsIt() {
        assertThat(CustomerAffinity.anchorOf(identifiers("+38641123456", null, "C-1", "v-1", null))).contains("phone:+38641123456");
        assertThat(CustomerAffinity.anchorOf(identifiers(null, " ", "C-1", "v-1", null))).contains("shop:C-1");
        assertThat(CustomerAffinity.anchorOf(identifiers(null, null, null, "v-1", "instagram:ana"))).contains("chat:v-1");
        assertThat(CustomerAffinity.anchorOf(identifiers(null, null, null, null, "instagram:ana"))).contains("social:instagram:ana");
    }

    @Test
    void aContactWithoutIdentifiersHasNoAnchor() {
        assertThat(CustomerAffinity.anchorOf(new CustomerIdentifiers())).isEmpty();
        assertThat(CustomerAffinity.anchorOf(null)).isEmpty();
    }
}
