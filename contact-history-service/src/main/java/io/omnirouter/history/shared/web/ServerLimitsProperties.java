package io.omnirouter.history.shared.web;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What one client may make the service hold ({@code omnirouter.api.*}).
 *
 * @param maxRequestBody   the largest request body accepted (the API's JSON bodies are a few hundred bytes, the
 *                         console's login form less); larger ones get a 413 problem without being read. Tomcat bounds
 *                         form posts and multipart uploads itself, not JSON: this bounds every body. 1 KB to 10 MB.
 * @param socketSendBuffer the kernel's send buffer per connection (SO_SNDBUF). Left to itself, Linux grows it to
 *                         4 MB for a client that does not read, so 500 live streams whose clients stopped reading would
 *                         hold 2 GB; bounded, a stalled client is noticed (and disconnected, omnirouter.live.send-timeout)
 *                         after this much. 256 KB keeps 20 MB/s per connection at 10 ms round trip. 4 KB to 16 MB.
 */
@Validated
@ConfigurationProperties("omnirouter.api")
public record ServerLimitsProperties(@NotNull @DefaultValue("64KB") DataSize maxRequestBody,
                                     @NotNull @DefaultValue("256KB") DataSize socketSendBuffer) {

    @AssertTrue(message = "max-request-body must be between 1 KB and 10 MB")
    public boolean isMaxRequestBodyInRange() {
        return within(maxRequestBody, DataSize.ofKilobytes(1), DataSize.ofMegabytes(10));
    }

    @AssertTrue(message = "socket-send-buffer must be between 4 KB and 16 MB")
    public boolean isSocketSendBufferInRange() {
        return within(socketSendBuffer, DataSize.ofKilobytes(4), DataSize.ofMegabytes(16));
    }

    private static boolean within(DataSize size, DataSize least, DataSize most) {
        return size == null || size.toBytes() >= least.toBytes() && size.toBytes() <= most.toBytes();
    }
}
