package io.omnirouter.personal.seal;

import java.util.UUID;

/**
 * Sealed personal data that does not open under the key and key id it was opened with. AES-GCM cannot tell the
 * causes apart, so the message names them all; it carries the key id and the length, never any of the bytes.
 */
public class UnreadablePersonalData extends RuntimeException {

    private final UUID keyId;

    public UnreadablePersonalData(UUID keyId, int length, Throwable cause) {
        super("Personal data sealed for key id " + keyId + " (" + length + " bytes) does not open: it was sealed for"
                + " another key id or topic, or under another key, or its bytes were changed or cut", cause);
        this.keyId = keyId;
    }

    /** The key id it was opened with. */
    public UUID keyId() {
        return keyId;
    }
}
