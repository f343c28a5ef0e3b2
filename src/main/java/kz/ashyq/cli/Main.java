package kz.ashyq.cli;

import java.util.List;
import org.apache.jena.sys.JenaSystem;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ashyq} command. */
@Command(name = "ashyq", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns government CSV files into linked open data and serves it.")
public final class Main {

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, DraftCommand.class, HarvestCommand.class, MapCommand.class, LoadCommand.class,
            ServeCommand.class, BrokerCommand.class, CompactCommand.class, HistoryCommand.class, RestoreCommand.class, LinksCommand.class,
            CommandLine.HelpCommand.class);

    /** Success. */
    public static final int OK = 0;
    /** Anything but bad input. */
    public static final int FAILED = 1;
    /** A mapping or a CSV that cannot be used. */
    public static final int BAD_INPUT = 2;

    private Main() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        Thread jena = new Thread(JenaSystem::init, "jena-init");
        jena.setDaemon(true);
        jena.start();
        CommandLine cl = commandLine(args);
        // Jena's initialisation (a quarter of a second of class loading at a cold start) has run
        // beside picocli's reading of the command classes, which initialises no Jena class. Joining
        // the thread (JenaSystem.init returns at once while another thread is inside it) before any
        // command runs means no two threads ever initialise Jena classes at once: the deadlock
        // Jena warns of.
        try {
            jena.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("ashyq: " + message(ex));
            if (exitCode(ex) == FAILED && Boolean.getBoolean("ashyq.debug")) {
                ex.printStackTrace(commandLine.getErr());
            }
            return exitCode(ex);
        });
        cl.setExitCodeExceptionMapper(Main::exitCode);
        return cl.execute(args);
    }

    /**
     * The command line, with only the subcommand that runs when the first argument names one:
     * picocli reads every option of every command class it is given, which took a tenth of a
     * second of start-up for the commands that do not run. Help and errors get them all.
     */
    private static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        List<Class<?>> named = COMMANDS.stream().filter(c -> !c.equals(CommandLine.HelpCommand.class)
                && c.getAnnotation(Command.class).name().equals(first)).toList();
        (named.isEmpty() ? COMMANDS : named).forEach(cl::addSubcommand);
        return cl;
    }

    static int exitCode(Throwable ex) {
        if (kz.ashyq.publish.Publisher.isBadInput(ex) || ex instanceof BadInputException
                || ex instanceof kz.ashyq.store.StoreLockedException || ex instanceof kz.ashyq.store.ReplicaStoreException) {
            return BAD_INPUT;
        }
        if (ex instanceof CommandLine.ParameterException
                || ex instanceof kz.ashyq.harvest.PortalException p && p.badInput()) {
            return BAD_INPUT;
        }
        return FAILED;
    }

    private static String message(Throwable ex) {
        if (exitCode(ex) == BAD_INPUT || ex instanceof kz.ashyq.store.StoreException
                || ex instanceof kz.ashyq.harvest.PortalException) {
            return ex.getMessage();
        }
        String m = ex.getMessage();
        return ex.getClass().getSimpleName() + (m == null ? "" : ": " + m)
                + " (run with JAVA_OPTS=-Dashyq.debug=true for details)";
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ashyq " + (v == null ? "dev" : v)};
        }
    }
}
