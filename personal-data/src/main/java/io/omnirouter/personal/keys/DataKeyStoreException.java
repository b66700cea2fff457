package io.omnirouter.personal.keys;

/**
 * The data key store could not be read or written: the database failed or is away, or a key was shredded while it
 * was being looked up. The operation may be tried again.
 */
public class DataKeyStoreException extends RuntimeException {

    public DataKeyStoreException(String message) {
        super(message);
    }

    public DataKeyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
