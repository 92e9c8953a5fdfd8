package org.shmalloc.reports;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The shm-alloc command-line tool: benchmark reports, run comparison and the regression gate,
 * verification of arena files, and tuning of the size-class config for a workload. {@code java -jar reports/target/shm-reports.jar --help}.
 *
 * <p>Exit status, for every command: {@value #OK} success; {@value #FLAGGED} the command found
 * what it checks for (a regression, a fault in an arena file); {@value #USAGE} bad arguments;
 * {@value #ERROR} the input could not be read.
 */
@Command(name = "shm-reports", mixinStandardHelpOptions = true, versionProvider = ShmReports.Version.class,
        description = "Benchmark reports, run comparison and regression gate, arena verification and size-class "
                + "tuning for shm-alloc.",
        subcommands = {
                ReportCommand.class,
                CompareCommand.class,
                BaselineCommand.class,
                VerifyCommand.class,
                TuneCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:success",
                "1:a regression (compare) or a fault (verify) was found, or no config can be recommended (tune)",
                "2:bad arguments",
                "3:the input could not be read (or, tune, a measurement failed)"})
public final class ShmReports implements Runnable {

    public static final int OK = 0;
    public static final int FLAGGED = 1;
    public static final int USAGE = 2;
    public static final int ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the tool with the given output streams; returns the exit status (tests call this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ShmReports());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? USAGE : ERROR);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandName() + ": " + message(e));
            if (Boolean.getBoolean("shmreports.debug")) {
                e.printStackTrace(commandLine.getErr());
            }
            return ERROR;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (report, compare, "
                + "baseline, verify, tune)");
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ShmReports.class.getPackage().getImplementationVersion();
            return new String[] {"shm-reports " + (version == null ? "(development build)" : version)};
        }
    }
}
