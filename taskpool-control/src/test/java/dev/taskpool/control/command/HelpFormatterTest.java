package dev.taskpool.control.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskpool.control.command.Argument.Nargs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Help and usage are laid out as argparse lays them out: every expected text here is what
 * Python 3.11's argparse prints for the same parser at the same width.
 */
class HelpFormatterTest {

    private static CommandSyntax deploy(String prog) {
        return new CommandSyntax(prog, null,
                "Copies the files to the target, num at a time; a group-name names the run.",
                List.of(Argument.HELP_ARGUMENT,
                        Argument.positional("target", Nargs.ONE, "where the files go", null),
                        Argument.option(List.of("-n", "--num-concurrent"), "NUM_CONCURRENT",
                                "how many copies may run at once, at least 1 (an integer; default 1)", null),
                        Argument.option(List.of("-g", "--group-name"), "GROUP_NAME", "the run's name", null),
                        Argument.flag(List.of("--return-failures"), "answer the failures instead of raising the first",
                                null),
                        Argument.flag(List.of("-q", "--quiet"), "", null),
                        Argument.positional("files", Nargs.ZERO_OR_MORE,
                                "the files to copy (zero or more, each a string)", null)),
                List.of());
    }

    @Test
    void helpAtEightyColumns() {
        assertThat(deploy("deploy").help(80)).isEqualTo("""
                usage: deploy [-h] [-n NUM_CONCURRENT] [-g GROUP_NAME] [--return-failures] [-q]
                              target [files ...]

                Copies the files to the target, num at a time; a group-name names the run.

                positional arguments:
                  target                where the files go
                  files                 the files to copy (zero or more, each a string)

                options:
                  -h, --help            show this help message and exit
                  -n NUM_CONCURRENT, --num-concurrent NUM_CONCURRENT
                                        how many copies may run at once, at least 1 (an integer;
                                        default 1)
                  -g GROUP_NAME, --group-name GROUP_NAME
                                        the run's name
                  --return-failures     answer the failures instead of raising the first
                  -q, --quiet
                """);
    }

    @Test
    void aNarrowTerminalMovesTheHelpColumnLeftAndWrapsTheUsageBetweenBracketGroups() {
        assertThat(deploy("deploy").help(40)).isEqualTo("""
                usage: deploy [-h] [-n NUM_CONCURRENT]
                              [-g GROUP_NAME]
                              [--return-failures] [-q]
                              target [files ...]

                Copies the files to the target, num at a
                time; a group-name names the run.

                positional arguments:
                  target            where the files go
                  files             the files to copy
                                    (zero or more, each
                                    a string)

                options:
                  -h, --help        show this help
                                    message and exit
                  -n NUM_CONCURRENT, --num-concurrent NUM_CONCURRENT
                                    how many copies may
                                    run at once, at
                                    least 1 (an integer;
                                    default 1)
                  -g GROUP_NAME, --group-name GROUP_NAME
                                    the run's name
                  --return-failures
                                    answer the failures
                                    instead of raising
                                    the first
                  -q, --quiet
                """);
    }

    @Test
    void aWideTerminalKeepsTheUsageOnOneLine() {
        assertThat(deploy("deploy").usageText(120)).isEqualTo(
                "usage: deploy [-h] [-n NUM_CONCURRENT] [-g GROUP_NAME] [--return-failures] [-q] target [files ...]\n");
    }

    @Test
    void aLongCommandNameGoesOnALineOfItsOwn() {
        assertThat(deploy("a-rather-long-command-name").usageText(40)).isEqualTo("""
                usage: a-rather-long-command-name
                       [-h] [-n NUM_CONCURRENT]
                       [-g GROUP_NAME]
                       [--return-failures] [-q]
                       target [files ...]
                """);
    }

    @Test
    void theHelpColumnFollowsTheLongestEntryUpToColumnTwentyFour() {
        CommandSyntax stop = new CommandSyntax("stop", null, "", List.of(Argument.HELP_ARGUMENT,
                Argument.positional("num", Nargs.ONE, "how many", null)), List.of());

        assertThat(stop.help(80)).isEqualTo("""
                usage: stop [-h] num

                positional arguments:
                  num         how many

                options:
                  -h, --help  show this help message and exit
                """);
    }

    @Test
    void atTwentyColumnsHelpStartsOnTheNextLineAtColumnFour() {
        assertThat(deploy("deploy").help(20)).startsWith("""
                usage: deploy [-h]
                              [-n NUM_CONCURRENT]
                              [-g GROUP_NAME]
                              [--return-failures]
                              [-q]
                              target
                              [files ...]

                Copies the files to
                the target, num at a
                time; a group-name
                names the run.

                positional arguments:
                  target
                    where the files
                    go
                """);
    }

    @Test
    void aFixedUsageIsNeverWrapped() {
        CommandSyntax line = new CommandSyntax("", "[-h] [command] ...", "", List.of(Argument.HELP_ARGUMENT,
                Argument.command("command")), List.of());

        assertThat(line.usageText(20)).isEqualTo("usage: [-h] [command] ...\n");
        assertThat(line.errorText(20, "unrecognized arguments: x"))
                .isEqualTo("usage: [-h] [command] ...\n: error: unrecognized arguments: x\n");
    }

    @Test
    void sectionsAfterTheOptionsListTheirEntries() {
        CommandSyntax overview = new CommandSyntax("", "[-h] [command] ...", "Commands.",
                List.of(Argument.HELP_ARGUMENT, Argument.command("command")),
                List.of(new CommandSyntax.Section("commands of workers", List.of(
                        Argument.positional("start", Nargs.ONE, "Starts tasks.", null),
                        Argument.positional("gather-and-close", Nargs.ONE, "Closes the pool.", null)))));

        assertThat(overview.help(80)).isEqualTo("""
                usage: [-h] [command] ...

                Commands.

                options:
                  -h, --help        show this help message and exit

                commands of workers:
                  start             Starts tasks.
                  gather-and-close  Closes the pool.
                """);
    }
}
