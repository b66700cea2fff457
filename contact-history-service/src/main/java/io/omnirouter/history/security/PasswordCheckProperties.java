package io.omnirouter.history.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Remembering successful password checks ({@code omnirouter.security.password-checks.*}), see
 * {@link RememberedPasswordChecks}.
 *
 * @param rememberFor    how long a password that matched its hash is remembered; zero: never
 * @param rememberAtMost checks remembered at most
 */
@Validated
@ConfigurationProperties("omnirouter.security.password-checks")
public record PasswordCheckProperties(@NotNull @DefaultValue("5m") Duration rememberFor,
                                      @Min(1) @Max(1_000_000) @DefaultValue("10000") int rememberAtMost) {
}
