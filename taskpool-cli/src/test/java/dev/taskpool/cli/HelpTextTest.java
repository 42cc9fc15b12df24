package dev.taskpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What completion reads out of help texts. */
class HelpTextTest {

    private static final String MAP_HELP = """
            usage: map [-h] [-n NUM_CONCURRENT] [-g GROUP_NAME] [-e END_CALLBACK]
                       [-c CANCEL_CALLBACK] [--return-failures]
                       function arg-iter

            Starts one task per element of arg-iter.

            positional arguments:
              function              the function to call
              arg-iter              the arguments, one per task

            options:
              -h, --help            show this help message and exit
              -n NUM_CONCURRENT, --num-concurrent NUM_CONCURRENT
                                    how many tasks of the group may run at once (an
                                    integer; default 1)
              -g GROUP_NAME, --group-name GROUP_NAME
                                    the new group's name
              -e, --end-callback END_CALLBACK
                                    called with each task's ID when it ends
              --return-failures     return failures instead of raising them
            """;

    @Test
    void flagsComeFromTheOptionsSectionInBothForms() {
        assertThat(HelpText.flags(MAP_HELP))
                .containsExactly("-h", "--help", "-n", "--num-concurrent", "-g", "--group-name", "-e", "--end-callback",
                        "--return-failures");
    }

    @Test
    void argparseOlderOptionalArgumentsHeaderIsReadToo() {
        String help = """
                usage: stop [-h] num

                optional arguments:
                  -h, --help  show this help message and exit
                """;

        assertThat(HelpText.flags(help)).containsExactly("-h", "--help");
    }

    @Test
    void aHelpWithoutOptionsGivesNoFlags() {
        assertThat(HelpText.flags("unknown command 'x'")).isEmpty();
        assertThat(HelpText.flags("")).isEmpty();
    }

    @Test
    void commandNamesComeFromTheSectionsOfTheOverview() {
        String overview = """
                usage: [-h] [command] ...

                Each line is one command for the pool workers or for the session; 'COMMAND -h'
                shows the usage and arguments of one command.

                options:
                  -h, --help        show this help message and exit

                commands of workers:
                  cancel            Cancels the tasks with the given IDs.
                  gather-and-close  Locks the pool, waits until every task has stopped, then
                                    closes the pool for good.
                  start             Starts num new tasks.

                session commands:
                  pools             Lists the pools this server controls.
                  use               Switches this session to the pool called name.
                  exit              Leaves the session.
                """;

        assertThat(HelpText.commands(overview))
                .containsExactly("cancel", "gather-and-close", "start", "pools", "use", "exit");
    }
}
