package io.omnirouter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.SchemaRegistrySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "schemas", mixinStandardHelpOptions = true, versionProvider = OmnirouterCli.Version.class,
        description = {"The registry's subjects (<topic>-value) and the contract's schemas."},
        subcommands = {SchemasCommand.ListSubjects.class, SchemasCommand.Register.class},
        footer = {"",
                "Examples:",
                "  omnirouter cli schemas register",
                "  omnirouter cli schemas list --registry http://localhost:8081"})
final class SchemasCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (list, register)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = OmnirouterCli.Version.class, description = "Every subject with its latest version, schema id and schema name.")
    static final class ListSubjects implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            OmnirouterCli root = OmnirouterCli.root(spec);
            RegistryRest registry = new RegistryRest(root.registryUrl(), root.timeout());
            PrintWriter out = spec.commandLine().getOut();
            List<String> subjects = registry.subjects();
            if (subjects.isEmpty()) {
                out.println("no subjects in the schema registry at " + root.registryUrl()
                        + " (run 'omnirouter cli schemas register')");
                return ExitCodes.OK;
            }
            TextTable table = new TextTable("SUBJECT", "VERSION", "ID", "SCHEMA").numeric(1, 2);
            for (String subject : subjects) {
                RegistryRest.SubjectVersion latest = registry.latest(subject);
                table.row(subject, latest.version(), latest.id(),
                        latest.schemaName() != null ? latest.schemaName() : "(" + latest.schemaType() + ")");
            }
            out.print(table.render());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true, versionProvider = OmnirouterCli.Version.class, description = {"Registers the schema of every contract topic under <topic>-value "
            + "(an already registered schema keeps its id; an incompatible change is refused by the registry) and "
            + "prints the ids."})
    static final class Register implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            OmnirouterCli root = OmnirouterCli.root(spec);
            SchemaRegistryClient registry = new SchemaRegistryClient(
                    SchemaRegistrySettings.of(root.registryUrl()).withTimeouts(root.timeout(), root.timeout()));
            TextTable table = new TextTable("SUBJECT", "ID", "SCHEMA").numeric(1);
            for (ContractTopic topic : ContractTopic.values()) {
                int id = registry.register(topic.valueSubject(), topic.valueSchema());
                table.row(topic.valueSubject(), id, topic.valueSchema().getFullName());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(table.render());
            out.println("registered " + ContractTopic.values().length + " schemas at " + root.registryUrl());
            out.flush();
            return ExitCodes.OK;
        }
    }
}
