package io.omnirouter.history.live.web;

import io.omnirouter.history.live.application.LiveSink;
import io.omnirouter.history.live.application.LiveFrame;
import io.omnirouter.history.live.model.LivePosition;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A live-stream client behind a Server-Sent Events response written with the Servlet API's non-blocking output:
 * a write hands its bytes to the container and returns, whether or not the client reads. While the container
 * holds bytes the client has not taken, the sink is not {@link #ready()}: its events wait in the client's queue, the
 * sender threads serve other clients, and the time the client has been stalled counts towards the send timeout.
 * When the connection drains, the container calls {@link #onWritePossible()} and the writing resumes.
 *
 * <p>Calls come from the feed's sender threads (one at a time) and from container threads (the write listener);
 * the lock makes them one at a time, and nothing under it blocks.
 */
final class NonBlockingSseSink implements LiveSink, WriteListener {

    private static final byte[] KEEP_ALIVE = ":keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final Object lock = new Object();
    /** Bytes not yet handed to the container: the stream's opening lines, until the container lets us write. */
    private byte[] pending;
    private AsyncContext async;
    private ServletOutputStream out;
    private boolean closed;
    private volatile long stalledSince;
    private volatile Runnable resume = () -> { };

    NonBlockingSseSink(Duration reconnectDelay) {
        // First on the wire (before any event can be queued): the client knows at once that it is connected.
        this.pending = ("retry:" + reconnectDelay.toMillis() + "\n:connected\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Starts writing to the response: the container calls {@link #onWritePossible()} as soon as it can take bytes.
     * First goes the position the stream starts after, as an id with no data (EventSource keeps it without an event),
     * so that a client that reconnects before any change reached it resumes from there too.
     */
    void attach(AsyncContext async, ServletOutputStream out, LivePosition startsAfter) {
        synchronized (lock) {
            // Nothing was written before: the feed writes only once the sink is ready(), which needs the stream.
            byte[] position = ("id:" + startsAfter + "\n\n").getBytes(StandardCharsets.UTF_8);
            pending = pending == null ? position : concat(pending, position);
            this.async = async;
            this.out = out;
        }
        out.setWriteListener(this);
    }

    @Override
    public void send(List<LiveFrame> frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        frames.forEach(frame -> bytes.writeBytes(frame.wire()));
        write(bytes.toByteArray());
    }

    @Override
    public void keepAlive() throws IOException {
        write(KEEP_ALIVE);
    }

    private void write(byte[] bytes) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IOException("the live stream is closed");
            }
            if (pending != null || out == null || !out.isReady()) {
                // The feed asks ready() first; keep what came anyway, in order, to be written with the rest.
                pending = pending == null ? bytes : concat(pending, bytes);
                stalled();
                return;
            }
            handOver(bytes);
        }
    }

    /** Under the lock, with the stream ready: the bytes go to the container, which sends what the socket takes. */
    private void handOver(byte[] bytes) throws IOException {
        out.write(bytes);
        if (out.isReady()) {
            out.flush();
        }
        if (out.isReady()) {
            stalledSince = 0;
        } else {
            // The container keeps the rest and calls onWritePossible when the client has taken it.
            stalled();
        }
    }

    private void stalled() {
        if (stalledSince == 0) {
            stalledSince = System.nanoTime();
        }
    }

    @Override
    public boolean ready() {
        synchronized (lock) {
            if (closed || out == null) {
                return false;
            }
            boolean ready = pending == null && out.isReady();
            if (!ready) {
                stalled();
            }
            return ready;
        }
    }

    @Override
    public long stalledSinceNanos() {
        return stalledSince;
    }

    @Override
    public void whenReady(Runnable resume) {
        this.resume = resume;
    }

    @Override
    public void onWritePossible() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (pending != null) {
                byte[] bytes = pending;
                pending = null;
                handOver(bytes);
            } else if (out.isReady()) {
                out.flush();
            }
            if (!out.isReady()) {
                return;
            }
            stalledSince = 0;
        }
        resume.run();
    }

    @Override
    public void onError(Throwable error) {
        close();
    }

    @Override
    public void close() {
        AsyncContext completing;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            pending = null;
            completing = async;
        }
        if (completing != null) {
            try {
                completing.complete();
            } catch (RuntimeException e) {
                // Completed already, or the connection is gone: either way the stream is over.
            }
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
