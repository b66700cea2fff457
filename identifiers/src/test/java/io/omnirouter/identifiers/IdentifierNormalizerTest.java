package io.omnirouter.identifiers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierNormalizerTest {

    private final IdentifierNormalizer normalizer = new IdentifierNormalizer("SI");

    @ParameterizedTest
    @ValueSource(strings = {"041 123 456", "+386 41 123 456", "00386 41 123 456", "(041) 123-456", " 041123456 "})
    void phonesWrittenTheWaysPeopleWriteThemBecomeOneE164Number(String raw) {
        assertThat(normalizer.normalize(IdentifierType.PHONE, raw)).contains("+38641123456");
    }

    @Test
    void nationalNumbersAreReadInTheConfiguredDefaultRegion() {
        assertThat(new IdentifierNormalizer("DE").normalize(IdentifierType.PHONE, "030 1234567"))
                .contains("+49301234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a phone", "12", "+386 1"})
    void garbagePhonesAreRejectedWithoutEchoingTheValue(String raw) {
        assertThatThrownBy(() -> normalizer.normalize(IdentifierType.PHONE, raw))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageStartingWith("PHONE identifier rejected")
                .hasMessageNotContaining(raw);
    }

    /** Hostile corpus kinds nul-in-only-identifier, escape-in-identifier, crlf-in-identifier. */
    @ParameterizedTest
    @ValueSource(strings = {"ana\u0000@example.com", "ana\u001b[2J@example.com", "v-1\r\nSet-Cookie: a=b", "a\u2028b", "a\ud800b"})
    void identifiersWithControlCharactersAreNoIdentifiersOfAnyType(String raw) {
        for (IdentifierType type : IdentifierType.values()) {
            assertThatThrownBy(() -> normalizer.normalize(type, raw))
                    .isInstanceOf(InvalidIdentifierException.class)
                    .hasMessageNotContaining(raw);
        }
    }

    /** Hostile corpus kinds rtl-override-…, zero-width-…, bom-…: invisible, so removed; the customer is the one shown. */
    @Test
    void invisibleFormatCharactersAreRemovedSoTheCustomerIsTheOneAnAgentReads() {
        assertThat(normalizer.normalize(IdentifierType.EMAIL, "ana\u200b@example.com")).contains("ana@example.com");
        assertThat(normalizer.normalize(IdentifierType.CHAT_VISITOR_ID, "v-\u202egpj.exe")).contains("v-gpj.exe");
        assertThat(normalizer.normalize(IdentifierType.SHOP_CUSTOMER_ID, "\ufeffS-1")).contains("S-1");
    }

    @Test
    void emailsAreTrimmedAndLowerCasedButNotRewritten() {
        assertThat(normalizer.normalize(IdentifierType.EMAIL, "  Ana.Novak+Shop@Example.COM "))
                .contains("ana.novak+shop@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana.novak", "@example.com", "ana@", "ana novak@example.com", "a@b@example.com", "ana@example"})
    void malformedEmailsAreRejected(String raw) {
        assertThatThrownBy(() -> normalizer.normalize(IdentifierType.EMAIL, raw))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageStartingWith("EMAIL identifier rejected");
    }

    @Test
    void idsAreTrimmedOnly() {
        assertThat(normalizer.normalize(IdentifierType.SHOP_CUSTOMER_ID, "  C-1001 ")).contains("C-1001");
        assertThat(normalizer.normalize(IdentifierType.CHAT_VISITOR_ID, "v-AbC")).contains("v-AbC");
    }

    @Test
    void socialHandlesAreLowerCasePlatformAndHandleWithoutTheAt() {
        assertThat(normalizer.normalize(IdentifierType.SOCIAL_HANDLE, " Instagram:@Ana.Novak ")).contains("instagram:ana.novak");
        assertThat(normalizer.normalize(IdentifierType.SOCIAL_HANDLE, "whatsapp: 38641123456")).contains("whatsapp:38641123456");
        assertThat(normalizer.normalize(IdentifierType.SOCIAL_HANDLE, "instagram:@@ana")).contains("instagram:ana");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana.novak", ":ana", "insta gram:ana", "instagram:", "instagram:@", "instagram:ana novak"})
    void malformedSocialHandlesAreRejected(String raw) {
        assertThatThrownBy(() -> normalizer.normalize(IdentifierType.SOCIAL_HANDLE, raw))
                .isInstanceOf(InvalidIdentifierException.class)
                .hasMessageStartingWith("SOCIAL_HANDLE identifier rejected");
    }

    @Test
    void blankOrMissingValuesAreAbsentNotInvalid() {
        assertThat(normalizer.normalize(IdentifierType.EMAIL, null)).isEmpty();
        assertThat(normalizer.normalize(IdentifierType.PHONE, "   ")).isEmpty();
    }

    @Test
    void overlongValuesAreRejected() {
        assertThatThrownBy(() -> normalizer.normalize(IdentifierType.SHOP_CUSTOMER_ID, "x".repeat(300)))
                .isInstanceOf(InvalidIdentifierException.class);
    }

    @Test
    void anUnknownDefaultRegionIsAConfigurationErrorThatNamesTheSetting() {
        assertThatThrownBy(() -> new IdentifierNormalizer("XX"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default phone region 'XX'");
    }
}
