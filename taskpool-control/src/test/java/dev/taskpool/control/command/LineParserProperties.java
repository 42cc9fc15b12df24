package dev.taskpool.control.command;

import dev.taskpool.control.ErrorType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.BaseTaskPool;
import dev.taskpool.SimpleTaskPool;
import dev.taskpool.TaskPool;
import dev.taskpool.control.FunctionRegistry;
import dev.taskpool.control.Jobs;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Whatever a client sends, parsing a line either gives something to run or refuses it with
 * a {@link UsageException} whose reply has argparse's frame: the usage line of the parser
 * that refused it, {@code <command>: error: <one line>}, and a newline.
 */
class LineParserProperties {

    /** The usage line(s), then the error line: {@code prog} is empty for the top level's errors. */
    private static final Pattern FRAME = Pattern.compile("usage: ([^\n]*)\n(?:[^\n]*\n)*?([a-z-]*): error: ([^\n]+)\n");
    private static final Set<ErrorType> ERROR_TYPES = Set.of(ErrorType.USAGE, ErrorType.UNKNOWN_COMMAND, ErrorType.SYNTAX, ErrorType.REFUSED);

    private static final SimpleTaskPool WORKERS = SimpleTaskPool.builder(() -> Thread.sleep(Long.MAX_VALUE))
            .name("workers").functionName("worker").build();
    private static final TaskPool JOBS = new TaskPool(BaseTaskPool.UNBOUNDED, "jobs");
    private static final LineParser PARSER;

    static {
        Map<String, BaseTaskPool> pools = new LinkedHashMap<>();
        pools.put("workers", WORKERS);
        pools.put("jobs", JOBS);
        FunctionRegistry functions = new FunctionRegistry().allowClass(Jobs.class);
        PARSER = new LineParser(new ValueConverter(functions), new SessionCommands(pools, functions));
    }

    @AfterContainer
    static void closePools() {
        WORKERS.cancelAll();
        JOBS.cancelAll();
    }

    @Property(tries = 3000)
    void commandLikeLinesParseOrAreRefusedInArgparsesFrame(@ForAll("commandLines") String line,
                                                           @ForAll boolean onJobs,
                                                           @ForAll @IntRange(min = 20, max = 200) int width) {
        parseOrFramedRefusal(line, onJobs, width);
    }

    @Property(tries = 1000)
    void arbitraryTextParsesOrIsRefusedInArgparsesFrame(@ForAll String line, @ForAll boolean onJobs,
                                                        @ForAll @IntRange(min = 20, max = 200) int width) {
        parseOrFramedRefusal(line.replace('\n', ' '), onJobs, width);
    }

    private static void parseOrFramedRefusal(String line, boolean onJobs, int width) {
        BaseTaskPool pool = onJobs ? JOBS : WORKERS;
        CommandModel model = CommandModel.of(pool.getClass());
        LineParser.Parsed parsed;
        try {
            parsed = PARSER.parse(line, model, pool, width);
        } catch (UsageException e) {
            assertThat(e.errorType()).isIn(ERROR_TYPES);
            Matcher frame = FRAME.matcher(e.getMessage());
            assertThat(frame.matches()).as("framed like argparse: %s", e.getMessage()).isTrue();
            String prog = frame.group(2);
            if (prog.isEmpty()) {
                assertThat(frame.group(1)).isEqualTo("[-h] [command] ...");
            } else {
                assertThat(frame.group(1) + " ").startsWith(prog + " ");
                assertThat(model.find(prog) != null || SessionCommands.NAMES.contains(prog)).as(prog).isTrue();
            }
            return;
        }
        assertThat(parsed).isNotNull();
        if (parsed instanceof LineParser.Help help) {
            assertThat(help.text()).startsWith("usage: ").endsWith("\n");
        }
    }

    @Provide
    Arbitrary<String> commandLines() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("start", "stop", "cancel", "get-group-ids", "pool-size", "flush", "tasks", "apply",
                        "map", "starmap", "doublestarmap", "use", "pools", "functions", "help", "bogus", "START"),
                Arbitraries.of("-h", "--help", "--he", "-n", "--num", "--num=", "-n3", "-g", "-r", "-rh", "-hr",
                        "--return-failures=1", "-x", "--foo", "--", "-", "---", "-e", "-c", "-a", "-k", "-l", "-=",
                        "--=x", "-n=--", "inf", "-inf", "none", "None", "True", "workers", "jobs"),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(BigInteger::toString),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("dev.taskpool.control.Jobs.worker", "dev.taskpool.control.Jobs.two",
                        "dev.taskpool.control.Jobs.ended", "java.lang.Runtime.exec"),
                Arbitraries.strings().withChars("ab -=_'\"\\()[]{},:1x.").ofMaxLength(12),
                literals(3));
        return word.list().ofMaxSize(7).map(words -> String.join(" ", words));
    }

    private static Arbitrary<String> literals(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.strings().alpha().ofMaxLength(5).map(s -> "'" + s + "'"),
                Arbitraries.of("None", "True", "()", "[]", "{}", "'unterminated", "(1,", "[1, 2", "{'a': }"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<List<String>> elements = Arbitraries.lazy(() -> literals(depth - 1)).list().ofMaxSize(3);
        return Arbitraries.oneOf(scalar,
                elements.map(e -> "[" + String.join(", ", e) + "]"),
                elements.map(e -> "(" + String.join(",", e) + ")"),
                elements.map(e -> "{" + String.join(", ", e.stream().map(v -> "'k': " + v).toList()) + "}"));
    }
}
