package io.omnirouter.history.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that remembers, for a while, that a password matched a hash. BCrypt is slow on purpose (tens of
 * milliseconds per check): right for a login, ruinous for an API client that sends HTTP Basic with every request.
 * Spring Security has no such cache (its UserCache keeps users, not checks), hence this decorator.
 *
 * <p>What is remembered is an HMAC of password and hash under a random key that exists only in this process, so a
 * memory dump holds nothing to test guesses against offline. Only successes are remembered: a wrong password always
 * pays the full check, and a changed hash (new configuration) or password never matches an old entry.
 */
public final class RememberedPasswordChecks implements PasswordEncoder {

    private static final String HMAC = "HmacSHA256";

    private final PasswordEncoder checks;
    private final SecretKeySpec key;
    private final Cache<String, Boolean> matched;

    public RememberedPasswordChecks(PasswordEncoder checks, PasswordCheckProperties properties) {
        this.checks = checks;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
        this.matched = Caffeine.newBuilder()
                .maximumSize(properties.rememberAtMost())
                .expireAfterWrite(properties.rememberFor())
                .build();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return checks.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return checks.matches(rawPassword, encodedPassword);
        }
        String fingerprint = fingerprint(rawPassword, encodedPassword);
        if (matched.getIfPresent(fingerprint) != null) {
            return true;
        }
        boolean matches = checks.matches(rawPassword, encodedPassword);
        if (matches) {
            matched.put(fingerprint, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return checks.upgradeEncoding(encodedPassword);
    }

    private String fingerprint(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance(HMAC); // not thread-safe: one per check, cheap next to BCrypt
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is not available", e);
        }
    }
}
