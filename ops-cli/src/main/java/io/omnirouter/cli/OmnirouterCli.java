package io.omnirouter.cli;

import io.omnirouter.schemas.AvroPackages;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ./omnirouter cli …}: the ops engineer's tools for the topics of the Kafka contract (docs/kafka-contract.md).
 * Connection options are global: they may stand before or after the subcommand.
 */
@Command(name = "omnirouter cli",
        mixinStandardHelpOptions = true,
        versionProvider = OmnirouterCli.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "The ops engineer's tools for Omnirouter's topics: publish test data, watch what flows, "
                        + "see and replay dead letters, consumer lag, registry subjects.",
                "Errors are one line on stderr and a non-zero exit (1: the command failed, 2: wrong usage)."},
        subcommands = {
                PublishCommand.class,
                TailCommand.class,
                DlqCommand.class,
                LagCommand.class,
                SchemasCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"",
                "Examples:",
                "  omnirouter cli publish channel.email emails.jsonl",
                "  omnirouter cli tail contact.events --from-beginning --max 20",
                "  omnirouter cli dlq list",
                "  omnirouter cli dlq replay channel.email.DLT --dry-run",
                "  omnirouter cli lag --group router-service",
                "  omnirouter cli schemas register"})
public final class OmnirouterCli implements Callable<Integer> {

    /** Consumer group whose committed offsets on a {@code *.DLT} topic mark what {@code dlq replay} has replayed. */
    public static final String REPLAY_GROUP = "omnirouter-dlq-replay";

    /** The Avro packages the generated classes live in (Avro 1.12 refuses others). */

    @Option(names = {"-b", "--bootstrap-servers"}, scope = ScopeType.INHERIT, paramLabel = "<host:port>",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = {"-r", "--registry"}, scope = ScopeType.INHERIT, paramLabel = "<url>",
            defaultValue = "${env:SCHEMA_REGISTRY_URL:-http://localhost:8081/apis/ccompat/v7}",
            description = "Confluent-compatible schema registry URL (env SCHEMA_REGISTRY_URL; default: ${DEFAULT-VALUE}).")
    String registryUrl;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "<seconds>", defaultValue = "10",
            description = "Upper bound of each call to Kafka or the registry, in seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Stack traces on errors and the Kafka clients' warnings on stderr.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty(AvroPackages.SYSTEM_PROPERTY) == null) {
            System.setProperty(AvroPackages.SYSTEM_PROPERTY, AvroPackages.SERIALIZABLE);
        }
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        // slf4j-simple reads these when the first logger is made: the Kafka clients' chatter stays off the terminal.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "warn" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int exitCode = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /** The command line, writing to {@code out} and {@code err}; what {@link #main} and the tests run. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new OmnirouterCli());
        PublishCommand.describeKeyRules(cli.getSubcommands().get("publish").getCommandSpec().usageMessage());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(OmnirouterCli::usageError);
        cli.setExecutionExceptionHandler(OmnirouterCli::failure);
        return cli;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (publish, tail, dlq, lag, schemas)");
    }

    String bootstrapServers() {
        return bootstrapServers.strip();
    }

    String registryUrl() {
        return registryUrl.strip();
    }

    Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }

    /** The root command's options, from any (sub)command. */
    static OmnirouterCli root(CommandSpec spec) {
        return (OmnirouterCli) spec.root().userObject();
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String command = cmd.getCommandSpec().qualifiedName();
        err.println("error: " + ErrorMessages.oneLine(e.getMessage()) + " (see '" + command + " --help')");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        OmnirouterCli root = root(cmd.getCommandSpec());
        PrintWriter err = cmd.getErr();
        if (root.verbose) {
            e.printStackTrace(err);
        }
        err.println("error: " + ErrorMessages.describe(e, root.bootstrapServers()));
        err.flush();
        return e instanceof CliException cli ? cli.exitCode() : ExitCodes.FAILURE;
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = OmnirouterCli.class.getPackage().getImplementationVersion();
            return new String[] {"omnirouter ops CLI " + (version == null ? "(development build)" : version)};
        }
    }
}
