package io.omnirouter.local;

import io.omnirouter.personal.hash.KeyedHash;
import io.omnirouter.personal.keys.MasterKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * The personal-data keysets of a local stack (docs/personal-data.md): made once, at the first start, into
 * {@code <data dir>/secrets/personal-data.properties} (readable by its owner only), and read from there at every later
 * start, because the data keys in PostgreSQL are wrapped by that master key. Deleting the data directory deletes them
 * with everything they protect. A deployment gives its own keysets through the environment instead.
 */
public final class PersonalDataSecrets {

    private static final String MASTER_KEY = "master-key";
    private static final String HASH_KEY = "hash-key";

    private PersonalDataSecrets() {
    }

    /** The environment of both services: {@code PERSONAL_DATA_MASTER_KEY} and {@code PERSONAL_DATA_HASH_KEY}. */
    static Map<String, String> environment(Path dataDir) {
        Properties keys = load(file(dataDir));
        return Map.of("PERSONAL_DATA_MASTER_KEY", keys.getProperty(MASTER_KEY),
                "PERSONAL_DATA_HASH_KEY", keys.getProperty(HASH_KEY));
    }

    /**
     * Gives the stack in {@code dataDir} the keysets of the one in {@code keysFrom} (made there first if need be): two
     * stacks whose histories are compared row for row (the fault harness's reference and faulted runs) must hash
     * thread keys under the same key. Call it after wiping {@code dataDir} and before starting its stack.
     */
    public static void share(Path keysFrom, Path dataDir) {
        load(file(keysFrom));
        try {
            Files.createDirectories(file(dataDir).getParent());
            Files.copy(file(keysFrom), file(dataDir), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Copying " + file(keysFrom) + " to " + file(dataDir), e);
        }
    }

    private static Path file(Path dataDir) {
        return dataDir.resolve("secrets").resolve("personal-data.properties");
    }

    private static Properties load(Path file) {
        Properties keys = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    keys.load(in);
                }
                if (keys.getProperty(MASTER_KEY) == null || keys.getProperty(HASH_KEY) == null) {
                    throw new StackException(file + " lacks " + MASTER_KEY + " or " + HASH_KEY
                            + "; without the master key the stored personal data cannot be read: restore the file, or"
                            + " delete the data directory to start empty");
                }
                return keys;
            }
            Files.createDirectories(file.getParent());
            keys.setProperty(MASTER_KEY, MasterKey.newKeyset());
            keys.setProperty(HASH_KEY, KeyedHash.newKeyset());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file)) {
                keys.store(out, "Omnirouter's personal-data keysets of this local stack: secrets, never commit or share");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading or writing " + file, e);
        }
    }
}
