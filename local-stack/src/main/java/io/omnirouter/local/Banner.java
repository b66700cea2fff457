package io.omnirouter.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** What a newcomer needs once the stack is up: where to click, how to log in, where the logs are. */
final class Banner {

    private static final String ROW = "  %-18s %s%n";

    private Banner() {
    }

    static void print(PrintStream out, StackSettings settings, Duration startup) {
        out.println();
        if (settings.runs(OptionalPart.HISTORY)) {
            StackPorts ports = settings.ports();
            String api = "http://localhost:" + ports.history(1);
            out.printf(ROW, "Console and API", api);
            out.printf(ROW, "Swagger UI", api + "/swagger-ui.html");
            out.printf(ROW, "Users", "agent, supervisor, ops  password: " + (settings.defaultPassword()
                    ? "\"" + StackSettings.DEFAULT_PASSWORD + "\" (set OMNIROUTER_LOCAL_PASSWORD to change it)"
                    : "as set in OMNIROUTER_LOCAL_PASSWORD"));
            out.printf(ROW, "Metrics", api + "/actuator/prometheus  (contact-history-service)");
            for (int instance = 2; instance <= settings.shape().instances(); instance++) {
                out.printf(ROW, "", "http://localhost:" + ports.history(instance) + "  (contact-history-service instance " + instance + ")");
            }
        } else {
            out.printf(ROW, "Console and API", "not started (--without history)");
        }
        if (settings.runs(OptionalPart.ROUTER)) {
            out.printf(ROW, settings.runs(OptionalPart.HISTORY) ? "" : "Metrics",
                    "http://localhost:" + settings.ports().routerManagement(1) + "/actuator/prometheus  (router-service"
                            + (settings.shape().instances() > 1 ? "; instance n on +100 x (n-1))" : ")"));
        }
        out.printf(ROW, "Schema registry", settings.ports().registryUrl());
        out.printf(ROW, "Kafka", settings.bootstrapServers());
        out.printf(ROW, "PostgreSQL", "jdbc:postgresql://localhost:" + settings.ports().postgres() + "/" + PostgresServer.DATABASE
                + "  (user " + PostgresServer.USER + ")");
        out.printf(ROW, "Simulator", settings.runs(OptionalPart.SIMULATOR)
                ? String.format(Locale.ROOT, "%s events/s from %d customers (OMNIROUTER_SIMULATOR=off to start without)",
                        rate(settings.simulator().eventsPerSecond()), settings.simulator().customers())
                : "off");
        out.printf(ROW, "Logs", settings.logs());
        out.printf(ROW, "Data", settings.dataDir() + "  (delete it for a fresh system)");
        out.println();
        out.printf(Locale.ROOT, "Omnirouter is ready (%.1f s). Press Ctrl-C to stop.%n", startup.toMillis() / 1000.0);
    }

    /** "5", not "5.0". */
    static String rate(double eventsPerSecond) {
        return eventsPerSecond == Math.rint(eventsPerSecond) ? Long.toString((long) eventsPerSecond) : Double.toString(eventsPerSecond);
    }
}
