package io.omnirouter.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A rebuild of the history through its API (POST, then GET /api/ops/rebuild until it is no longer RUNNING). */
final class RebuildRun {

    private static final String PATH = "/api/ops/rebuild";
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"");

    /** The status fields the benchmark reports. */
    record Status(String state, long recordsRead, long contactsRecorded, long actionsApplied, String body) {

        static Status of(String json) {
            Matcher state = STATE.matcher(json);
            return new Status(state.find() ? state.group(1) : "?", number(json, "recordsRead"), number(json, "contactsRecorded"),
                    number(json, "actionsApplied"), json);
        }

        private static long number(String json, String field) {
            Matcher value = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
            return value.find() ? Long.parseLong(value.group(1)) : 0;
        }
    }

    private final ApiClient ops;

    private RebuildRun(ApiClient ops) {
        this.ops = ops;
    }

    /** @param ops a client logged in with the OPS role */
    static RebuildRun start(ApiClient ops) {
        HttpResponse<String> started = ops.post(PATH);
        if (started.statusCode() != 202) {
            throw new BenchException("POST " + PATH + " answered HTTP " + started.statusCode() + ": " + started.body());
        }
        return new RebuildRun(ops);
    }

    /**
     * Polls the status like the benchmark's other waits: as long as the rebuild reads records it may take its time.
     *
     * @throws BenchException unless it SUCCEEDED, or if it read nothing for {@code stuck}
     */
    Status awaitFinished(Duration stuck, Runnable stillRunning) {
        long deadline = System.nanoTime() + stuck.toNanos();
        long best = -1;
        while (true) {
            stillRunning.run();
            HttpResponse<String> response = ops.get(PATH);
            ApiClient.check(response, "GET " + PATH);
            Status status = Status.of(response.body());
            if (!status.state().equals("RUNNING")) {
                if (!status.state().equals("SUCCEEDED")) {
                    throw new BenchException("the rebuild ended " + status.state() + ": " + status.body());
                }
                return status;
            }
            if (status.recordsRead() > best) {
                best = status.recordsRead();
                deadline = System.nanoTime() + stuck.toNanos();
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("the rebuild read nothing for " + stuck.toSeconds() + " s: " + status.body());
            }
            LocalStackProcess.sleep(Duration.ofMillis(200));
        }
    }
}
