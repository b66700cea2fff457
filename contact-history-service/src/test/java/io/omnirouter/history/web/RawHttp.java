package io.omnirouter.history.web;

import io.omnirouter.testing.ByteSearch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket: request targets and bodies exactly as a hostile client sends them (java.net.http
 * normalizes or refuses some), and bodies that keep coming after the service answered.
 */
final class RawHttp {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final int port;
    private final String password;

    RawHttp(int port, String password) {
        this.port = port;
        this.password = password;
    }

    record Response(String request, int status, Map<String, String> headers, String body, long bodyBytesSentBeforeAnswer) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + headers + " " + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
        }
    }

    /** The request head for {@code method target} as {@code user} (null: anonymous), with extra header lines. */
    String head(String method, String target, String user, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        if (user != null) {
            head.append("Authorization: Basic ").append(Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    Response get(String target, String user, String... headers) throws IOException {
        return send(head("GET", target, user, headers), new byte[0]);
    }

    /** Sends head and body, then reads the whole response (the service closes: Connection: close). */
    Response send(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return read(head.substring(0, head.indexOf('\r')), socket.getInputStream(), body.length);
        }
    }

    /**
     * Sends a body of {@code bodyBytes} bytes ({@code prefix} then filler) in the background while reading the
     * answer: a service that refuses early answers before the body is through, and the count says how much was sent
     * by then. With {@code chunked} no Content-Length announces the size.
     */
    Response sendLarge(String method, String target, String user, String contentType, String prefix, long bodyBytes,
                       boolean chunked) throws IOException {
        String head = head(method, target, user, "Content-Type: " + contentType,
                chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + bodyBytes);
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                byte[] filler = new byte[64 * 1024];
                java.util.Arrays.fill(filler, (byte) 'a');
                byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
                try {
                    writePart(out, start, start.length, chunked);
                    sent.addAndGet(start.length);
                    while (sent.get() < bodyBytes) {
                        int n = (int) Math.min(filler.length, bodyBytes - sent.get());
                        writePart(out, filler, n, chunked);
                        sent.addAndGet(n);
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // The service closed the connection on a body it refused: expected.
                }
            });
            InputStream in = socket.getInputStream();
            // The status line arriving is the moment the service answered.
            int first = in.read();
            long sentWhenAnswered = sent.get();
            Response response = read(head.substring(0, head.indexOf('\r')), new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(new byte[] {(byte) first}), in),
                    sentWhenAnswered);
            sender.cancel(true);
            return response;
        }
    }

    private static void writePart(OutputStream out, byte[] bytes, int length, boolean chunked) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(bytes, 0, length);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static Response read(String request, InputStream in, long sentBeforeAnswer) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // A reset after the response (the service closed with our body unread): what arrived counts.
            if (all.size() == 0) {
                throw e;
            }
        }
        byte[] raw = all.toByteArray();
        int end = ByteSearch.indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IOException("no complete response head: " + all.toString(StandardCharsets.UTF_8));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Response(request.length() > 300 ? request.substring(0, 300) + "…" : request, status, headers, new String(body, StandardCharsets.UTF_8), sentBeforeAnswer);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = ByteSearch.indexOf(chunked, crlf, at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }
}
