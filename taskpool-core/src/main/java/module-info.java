/**
 * Taskpool's pools: {@link dev.taskpool.SimpleTaskPool} and {@link dev.taskpool.TaskPool}, the
 * functional interfaces of their tasks and the MXBeans that expose them.
 *
 * <p>The machinery behind the pools ({@code dev.taskpool.internal}) is exported to the control
 * module only, which converts arguments the way the pools' functions take them. A class of
 * yours whose methods a pool calls reflectively ({@link dev.taskpool.TaskFunction#of}) must
 * be in a package your module exports or opens to {@code dev.taskpool}.
 */
// The control module is compiled after this one: its name is not known yet.
@SuppressWarnings("module")
module dev.taskpool {
    requires org.slf4j;
    requires transitive java.management;

    exports dev.taskpool;
    exports dev.taskpool.function;
    exports dev.taskpool.jmx;
    exports dev.taskpool.internal to dev.taskpool.control;
}
