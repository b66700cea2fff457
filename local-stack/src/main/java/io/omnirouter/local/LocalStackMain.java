package io.omnirouter.local;

import io.omnirouter.schemas.AvroPackages;
import java.io.PrintWriter;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar local-stack.jar up}: the program behind {@code ./omnirouter up}. */
@Command(name = "omnirouter", mixinStandardHelpOptions = true, subcommands = UpCommand.class,
        description = "Runs Omnirouter locally with nothing but a JDK.")
public final class LocalStackMain {

    private static final String LOG_FILE_PROPERTY = "org.slf4j.simpleLogger.logFile";

    private LocalStackMain() {
    }

    public static void main(String[] args) {
        // Avro 1.12 builds only generated classes of trusted packages (the simulator's records); read once.
        System.setProperty(AvroPackages.SYSTEM_PROPERTY, AvroPackages.SERIALIZABLE);
        CommandLine commandLine = new CommandLine(LocalStackMain.class)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(LocalStackMain::report);
        System.exit(commandLine.execute(args));
    }

    /** One line for the user; the stack trace only into the launcher's log file, if there is one yet. */
    private static int report(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof StackException) {
            err.println("omnirouter: " + e.getMessage());
            return 1;
        }
        String logFile = System.getProperty(LOG_FILE_PROPERTY);
        if (logFile != null) {
            LoggerFactory.getLogger(LocalStackMain.class).error("Unexpected failure", e);
        }
        err.println("omnirouter: unexpected failure: " + e + (logFile != null ? " (details in " + logFile + ")" : ""));
        return 2;
    }
}
