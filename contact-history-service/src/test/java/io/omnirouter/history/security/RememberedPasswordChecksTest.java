package io.omnirouter.history.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberedPasswordChecksTest {

    private final CountingEncoder bcrypt = new CountingEncoder(new BCryptPasswordEncoder(4));
    private final String hash = bcrypt.encode("correct horse battery");

    @Test
    void aPasswordThatMatchedIsNotCheckedAgainstBcryptWhileRemembered() {
        PasswordEncoder encoder = new RememberedPasswordChecks(bcrypt, new PasswordCheckProperties(Duration.ofMinutes(5), 100));

        assertThat(encoder.matches("correct horse battery", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery", hash)).isTrue();

        assertThat(bcrypt.checks.get()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeAndNeverMatches() {
        PasswordEncoder encoder = new RememberedPasswordChecks(bcrypt, new PasswordCheckProperties(Duration.ofMinutes(5), 100));
        encoder.matches("correct horse battery", hash);

        assertThat(encoder.matches("wrong horse", hash)).isFalse();
        assertThat(encoder.matches("wrong horse", hash)).isFalse();

        assertThat(bcrypt.checks.get()).isEqualTo(3);
    }

    @Test
    void aChangedHashIsCheckedAgainEvenWithTheSamePassword() {
        PasswordEncoder encoder = new RememberedPasswordChecks(bcrypt, new PasswordCheckProperties(Duration.ofMinutes(5), 100));
        encoder.matches("correct horse battery", hash);
        String newHash = bcrypt.encode("another password");

        assertThat(encoder.matches("correct horse battery", newHash)).isFalse();
        assertThat(bcrypt.checks.get()).isEqualTo(2);
    }

    @Test
    void withNothingRememberedEveryCheckIsBcrypt() {
        PasswordEncoder encoder = new RememberedPasswordChecks(bcrypt, new PasswordCheckProperties(Duration.ZERO, 100));

        assertThat(encoder.matches("correct horse battery", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery", hash)).isTrue();

        assertThat(bcrypt.checks.get()).isEqualTo(2);
    }

    /** The real BCrypt encoder, counting its checks. */
    private record CountingEncoder(PasswordEncoder bcrypt, AtomicInteger checks) implements PasswordEncoder {

        CountingEncoder(PasswordEncoder bcrypt) {
            this(bcrypt, new AtomicInteger());
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return bcrypt.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            return bcrypt.matches(rawPassword, encodedPassword);
        }
    }
}
