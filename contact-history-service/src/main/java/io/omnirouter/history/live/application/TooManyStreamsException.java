package io.omnirouter.history.live.application;

/** The configured number of open live streams is reached. */
public class TooManyStreamsException extends RuntimeException {

    public TooManyStreamsException(int maxStreams) {
        super("the service serves at most " + maxStreams + " live streams at a time: retry later");
    }
}
