package io.omnirouter.support.personal;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The keys of personal data, under {@code omnirouter.personal-data} (docs/personal-data.md). Both keysets are
 * secrets: only from the environment or a secret store. A missing or malformed one fails start-up with a message that
 * names the setting and never contains its value ({@code personal-data/README.md} says how to make them).
 *
 * @param masterKey the master key, a Tink JSON keyset with an AES256_GCM primary key: it wraps every data key
 * @param hashKey   the keyed hash of thread keys and channel references, a Tink JSON keyset with an HMAC_SHA256_PRF
 *                  primary key; both services must have the same one
 * @param sealing   whether the router seals the personal fields of the contacts it publishes (default true). Off
 *                  only to measure what sealing costs: contacts published with it off stay readable on the log
 *                  after an erasure. The history opens sealed contacts either way.
 * @param connectRetries how many times start-up connects again to a database that is not up yet before it fails
 *                  (default 60, at most {@code connectRetriesInterval} apart): the migrations of schema personal wait
 *                  for the database as the service's own do
 * @param connectRetriesInterval the longest wait between two connection tries (default 5 s)
 */
@Validated
@ConfigurationProperties("omnirouter.personal-data")
public record PersonalDataProperties(String masterKey, String hashKey, @DefaultValue("true") boolean sealing,
                                     @DefaultValue("60") @Min(0) int connectRetries,
                                     @DefaultValue("5s") @NotNull Duration connectRetriesInterval) {

    /** Never the keysets. */
    @Override
    public String toString() {
        return "PersonalDataProperties[sealing=" + sealing + "]";
    }
}
