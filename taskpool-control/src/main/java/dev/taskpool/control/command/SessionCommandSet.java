package dev.taskpool.control.command;

/**
 * The commands of a session rather than of a pool, declared as methods so that the
 * {@link CommandModel} builds their syntax and help from this Javadoc, as it does for the
 * pools' commands. Never implemented: {@link SessionCommands} runs them.
 */
public interface SessionCommandSet {

    /**
     * A function in the answer to {@code functions}.
     *
     * @param name        the name it is called by
     * @param description the first sentence of its documentation
     * @param parameters  its parameters, in order
     */
    record Function(String name, String description, java.util.List<Parameter> parameters) {
    }

    /**
     * A parameter of a {@link Function}.
     *
     * @param name        its name
     * @param type        what a client writes for it ({@code an integer})
     * @param description its documentation
     */
    record Parameter(String name, String type, String description) {
    }

    /** Lists the pools this server controls; * marks this session's. */
    java.util.List<String> pools();

    /**
     * Switches this session to the pool called name.
     *
     * @param name the pool to use, one of those {@code pools} lists
     */
    String use(String name);

    /** Lists the functions the current pool may start, with their parameters. */
    java.util.List<Function> functions();
}
