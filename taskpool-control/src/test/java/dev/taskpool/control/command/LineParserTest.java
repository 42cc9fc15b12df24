package dev.taskpool.control.command;

import dev.taskpool.control.ErrorType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskPool;
import dev.taskpool.control.FunctionRegistry;
import dev.taskpool.control.Jobs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a command line is accepted or refused: argparse's rules and words, in argparse's frame
 * (the usage line, {@code <command>: error: <message>}, a newline). Lines are only parsed
 * here, never run.
 */
class LineParserTest {

    private final SimpleTaskPool workers = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
            .name("workers").functionName("worker").build();
    private final TaskPool jobs = new TaskPool(BaseTaskPool.UNBOUNDED, "jobs");
    private final LineParser parser;

    LineParserTest() {
        Map<String, BaseTaskPool> pools = new LinkedHashMap<>();
        pools.put("workers", workers);
        pools.put("jobs", jobs);
        FunctionRegistry functions = new FunctionRegistry().allowClass(Jobs.class);
        parser = new LineParser(new ValueConverter(functions), new SessionCommands(pools, functions));
    }

    @AfterEach
    void closePools() {
        workers.cancelAll();
        jobs.cancelAll();
    }

    private LineParser.Parsed parse(BaseTaskPool pool, String line, int width) {
        return parser.parse(line, CommandModel.of(pool.getClass()), pool, width);
    }

    private UsageException refusal(BaseTaskPool pool, String line, int width) {
        return catchThrowableOfType(UsageException.class, () -> parse(pool, line, width));
    }

    private String error(String line) {
        return refusal(workers, line, 80).getMessage();
    }

    private Object[] arguments(BaseTaskPool pool, String line) {
        return ((LineParser.PoolCall) parse(pool, line, 80)).arguments();
    }

    @Test
    void aValueThatIsNotAnIntegerIsAnInvalidIntValue() {
        assertThat(error("start x")).isEqualTo("usage: start [-h] num\nstart: error: argument num: invalid int value: 'x'\n");
        assertThat(error("start 2.5")).isEqualTo("usage: start [-h] num\nstart: error: argument num: invalid int value: '2.5'\n");
    }

    @Test
    void anIntegerBeyondTheParametersRangeIsInvalidNamingTheLimit() {
        assertThat(error("start 99999999999")).isEqualTo("usage: start [-h] num\n"
                + "start: error: argument num: invalid int value: '99999999999' (at most 2147483647)\n");
        assertThat(error("stop -99999999999")).isEqualTo("usage: stop [-h] num\n"
                + "stop: error: argument num: invalid int value: '-99999999999' (at least -2147483648)\n");
    }

    @Test
    void integersAreReadAsPythonsIntReadsThem() {
        assertThat(arguments(workers, "stop 007")).containsExactly(7);
        assertThat(arguments(workers, "stop 1_000")).containsExactly(1000);
        assertThat(arguments(workers, "stop +3")).containsExactly(3);
        assertThat(error("stop 0x10")).isEqualTo("usage: stop [-h] num\nstop: error: argument num: invalid int value: '0x10'\n");
        assertThat(error("stop 1__0")).isEqualTo("usage: stop [-h] num\nstop: error: argument num: invalid int value: '1__0'\n");
    }

    @Test
    void aMissingPositionalArgumentIsRequired() {
        assertThat(error("stop")).isEqualTo("usage: stop [-h] num\nstop: error: the following arguments are required: num\n");
    }

    @Test
    void surplusValuesAreUnrecognizedArgumentsOfTheWholeLine() {
        assertThat(error("stop 1 2 3")).isEqualTo("usage: [-h] [command] ...\n: error: unrecognized arguments: 2 3\n");
    }

    @Test
    void anUnknownOptionIsLeftOverAndRefusedOnlyIfTheCommandIsOtherwiseComplete() {
        assertThat(error("start 1 --foo")).isEqualTo("usage: [-h] [command] ...\n: error: unrecognized arguments: --foo\n");
        assertThat(error("start --foo")).isEqualTo("usage: start [-h] num\nstart: error: the following arguments are required: num\n");
    }

    @Test
    void anOptionWithoutItsValueExpectsOneArgument() {
        assertThat(refusal(jobs, "apply dev.taskpool.control.Jobs.worker -n", 80).getMessage()).isEqualTo("""
                usage: apply [-h] [-a ARGS] [-k KWARGS] [-n NUM] [-g GROUP_NAME]
                             [-e END_CALLBACK] [-c CANCEL_CALLBACK] [-t TIMEOUT]
                             function
                apply: error: argument -n/--num: expected one argument
                """);
    }

    @Test
    void theUsageOfAnErrorIsWrappedToTheTerminalWidth() {
        assertThat(refusal(jobs, "apply", 40).getMessage()).isEqualTo("""
                usage: apply [-h] [-a ARGS] [-k KWARGS]
                             [-n NUM] [-g GROUP_NAME]
                             [-e END_CALLBACK]
                             [-c CANCEL_CALLBACK]
                             [-t TIMEOUT]
                             function
                apply: error: the following arguments are required: function
                """);
    }

    @Test
    void anUnknownCommandIsAnInvalidChoiceListingEveryCommand() {
        UsageException refusal = refusal(workers, "strat 3", 80);

        assertThat(refusal.errorType()).isEqualTo(ErrorType.UNKNOWN_COMMAND);
        assertThat(refusal.getMessage()).isEqualTo("usage: [-h] [command] ...\n: error: argument command: invalid choice: "
                + "'strat' (choose from 'autoscale', 'cancel', 'cancel-all', 'cancel-group', 'close', 'flush', 'func-name', "
                + "'gather-and-close', 'get-group-ids', 'groups', 'is-closed', 'is-full', 'is-locked', 'lock', 'name', "
                + "'num-cancelled', 'num-ended', 'num-running', 'pool-size', 'shutdown', 'stack', 'start', 'stats', "
                + "'stop', 'stop-all', 'tasks', 'unlock', 'until-closed', 'functions', 'pools', 'use')\n");
    }

    @Test
    void wordsAreTakenInOrderSoTheFirstBadValueWinsOverALaterHelp() {
        assertThat(error("start x -h")).isEqualTo("usage: start [-h] num\nstart: error: argument num: invalid int value: 'x'\n");
        assertThat(parse(workers, "start -h x", 80)).isInstanceOf(LineParser.Help.class);
    }

    @Test
    void helpAnswersWithTheCommandsHelpAtTheTerminalWidth() {
        LineParser.Help help = (LineParser.Help) parse(workers, "stop --help", 80);

        assertThat(help.text()).isEqualTo("""
                usage: stop [-h] num

                Cancels the num newest running tasks (all of them if fewer are running).

                positional arguments:
                  num         how many tasks to stop, 0 or more (an integer)

                options:
                  -h, --help  show this help message and exit
                """);
    }

    @Test
    void helpBeforeTheCommandIsTheOverview() {
        LineParser.Help help = (LineParser.Help) parse(workers, "-h start", 80);

        assertThat(help.text()).startsWith("usage: [-h] [command] ...\n\n").contains("\ncommands of workers:\n");
    }

    @Test
    void variadicArgumentsAcceptNoValueAtAll() {
        assertThat(arguments(workers, "cancel")).containsExactly(null, new long[0]);
        assertThat(arguments(workers, "get-group-ids")).containsExactly((Object) new String[0]);
        assertThat(arguments(workers, "cancel 3 4")).containsExactly(null, new long[] {3, 4});
        assertThat(arguments(workers, "cancel -m why 3")).containsExactly("why", new long[] {3});
    }

    @Test
    void aDoubleDashMakesEveryLaterWordAValue() {
        assertThat(arguments(workers, "start -- 1")).containsExactly(1);
    }

    @Test
    void aNegativeNumberIsAValueNotAnOption() {
        assertThat(arguments(workers, "stop -1")).containsExactly(-1);
    }

    @Test
    void aLongOptionMayBeAbbreviatedAndAShortOneCarryItsValue() {
        Object[] abbreviated = arguments(jobs, "map dev.taskpool.control.Jobs.worker ['a'] --num 2");
        Object[] attached = arguments(jobs, "map dev.taskpool.control.Jobs.worker ['a'] -n3");

        assertThat(abbreviated[2]).isEqualTo(2);
        assertThat(attached[2]).isEqualTo(3);
    }

    @Test
    void aFlagTakesNoValue() {
        assertThat(error("flush --return-exceptions=1")).isEqualTo("usage: flush [-h] [-r]\n"
                + "flush: error: argument -r/--return-exceptions: ignored explicit argument '1'\n");
    }

    @Test
    void aLineThatCannotBeSplitIsRefusedInTheFrameOfItsCommand() {
        UsageException quote = refusal(workers, "use 'jobs", 80);
        UsageException bracket = refusal(workers, "[1, 2", 80);

        assertThat(quote.errorType()).isEqualTo(ErrorType.SYNTAX);
        assertThat(quote.getMessage()).isEqualTo("usage: use [-h] name\nuse: error: unterminated string starting at column 4\n");
        assertThat(bracket.getMessage()).isEqualTo("usage: [-h] [command] ...\n: error: unclosed '[' at column 0\n");
    }

    @Test
    void anUnregisteredFunctionIsRefusedInTheFrameOfItsCommand() {
        UsageException refusal = refusal(jobs, "map java.lang.Runtime.exec ['ls']", 80);

        assertThat(refusal.errorType()).isEqualTo(ErrorType.REFUSED);
        assertThat(refusal.getMessage()).endsWith("\nmap: error: argument function: function 'java.lang.Runtime.exec' "
                + "is not registered with this server; see 'functions' for those that are\n");
    }

    @Test
    void aPoolNameIsAChoiceOfTheServersPools() {
        assertThat(error("use nowhere")).isEqualTo("usage: use [-h] name\n"
                + "use: error: argument name: invalid choice: 'nowhere' (choose from 'workers', 'jobs')\n");
        assertThat(parse(workers, "use JOBS", 80)).isEqualTo(new LineParser.SessionCall("use", "jobs"));
    }

    @Test
    void anOptionGivenADoubleDashAsItsValueIsReportedOnlyIfNothingElseIsWrong() {
        assertThat(refusal(jobs, "apply -g=--", 80).getMessage())
                .endsWith("\napply: error: the following arguments are required: function\n");
        assertThat(refusal(jobs, "apply dev.taskpool.control.Jobs.worker -g=--", 80).getMessage())
                .endsWith("\napply: error: argument -g/--group-name: expected one argument\n");
    }

    @Test
    void aPropertyReadsWithoutAValueAndWritesWithOne() {
        LineParser.PoolCall read = (LineParser.PoolCall) parse(workers, "pool-size", 80);
        assertThat(read.write()).isFalse();
        assertThat(read.arguments()).isEmpty();
        LineParser.PoolCall write = (LineParser.PoolCall) parse(workers, "pool-size inf", 80);
        assertThat(write.write()).isTrue();
        assertThat(write.arguments()).containsExactly(Integer.MAX_VALUE);
    }
}
