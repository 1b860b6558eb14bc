package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.server.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code mercure} command ({@code java -jar mercure.jar}, {@code bin/mercure}): one subcommand per
 * task, the counterpart of {@code flask mercure}: {@code hub} runs a hub; {@code publish},
 * {@code subscribe}, {@code publisher-jwt}, {@code subscriber-jwt} and {@code gen-secret-key} are the
 * tools around one. Tokens come from the library's {@code TokenFactory}, so they are exactly what the
 * hubs verify.
 *
 * <pre>{@code
 * mercure hub --ui &
 * mercure subscribe https://example.com/books/1 &
 * mercure publish https://example.com/books/1 '{"title":"Dune"}' --publisher-secret "$KEY"
 * }</pre>
 *
 * <p>Exit codes: 0 success, 1 the task failed (e.g. the hub cannot bind its port, a hub to publish to is
 * down or refuses the token), 2 bad usage or a bad setting. User errors are one line on stderr, never a stack trace.
 */
@Command(name = "mercure", mixinStandardHelpOptions = true, versionProvider = MercureCli.Version.class,
        description = "Mercure (draft-07 and draft-08) hub and tools.",
        subcommands = {HubCommand.class, PublishCommand.class, SubscribeCommand.class, PublisherJwtCommand.class,
            SubscriberJwtCommand.class, GenSecretKeyCommand.class, CommandLine.HelpCommand.class})
public final class MercureCli implements Runnable {

    /** Loggers configured here must stay referenced: java.util.logging holds loggers weakly. */
    private static final Logger[] QUIETED = new Logger[3];

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        configureLogging();
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (without exiting). */
    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new MercureCli());
        commandLine.setExecutionExceptionHandler(new UserErrorHandler());
        commandLine.setParameterExceptionHandler(MercureCli::shortUsageError);
        return commandLine.execute(args);
    }

    /** A mistyped option: the error and where to look, not the whole usage text (that is {@code --help}). */
    private static int shortUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Prints a {@link UserError} as one line; anything else is a bug and keeps its stack trace. */
    private static final class UserErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) throws Exception {
            if (e instanceof UserError error) {
                PrintWriter err = command.getErr();
                err.println(command.getCommandSpec().qualifiedName() + ": " + error.getMessage());
                err.flush();
                return error.exitCode();
            }
            throw e;
        }
    }

    /**
     * java.util.logging with one line per record (the JDK default takes two), unless the user brought a
     * logging configuration. RESTEasy's jboss-logging is pointed at JUL too, and jose4j reaches it
     * through slf4j-jdk14; RESTEasy's, Netty's and the OpenTelemetry SDK's chatter is cut to warnings, and their stack
     * traces of clients that went away are dropped ({@link ClientGoneFilter}).
     */
    static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        }
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "jdk");
        }
        QUIETED[0] = Logger.getLogger("org.jboss.resteasy");
        QUIETED[1] = Logger.getLogger("io.netty");
        // the OpenTelemetry SDK's INFO chatter (e.g. before a refused OTEL_* value, which the hub reports itself);
        // its failures to export stay (WARNING, SEVERE), and so do the spans OTEL_TRACES_EXPORTER=console logs
        QUIETED[2] = Logger.getLogger("io.opentelemetry.sdk");
        for (Logger logger : QUIETED) {
            logger.setLevel(Level.WARNING);
        }
        ClientGoneFilter clientGone = new ClientGoneFilter();
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFilter(clientGone);
        }
    }

    /** The version from the jar's manifest (the shade plugin writes it). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MercureCli.class.getPackage().getImplementationVersion();
            return new String[] {"mercure " + (v == null ? "(development build)" : v)};
        }
    }
}
