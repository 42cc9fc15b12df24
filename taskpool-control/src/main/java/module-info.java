/**
 * Controlling running pools from outside: {@link dev.taskpool.control.ControlServer},
 * {@link dev.taskpool.control.ControlClient} and the allow-list of functions a client may
 * start ({@link dev.taskpool.control.FunctionRegistry}). Only {@code dev.taskpool.control} is
 * exported; the packages behind it ({@code wire}, {@code command}, {@code literal},
 * {@code text}) are not API.
 *
 * <p>A class of yours whose static methods a client may start
 * ({@link dev.taskpool.control.FunctionRegistry#allowClass}) must be in a package your module
 * exports, or opens, to {@code dev.taskpool} and {@code dev.taskpool.control}.
 */
module dev.taskpool.control {
    requires transitive dev.taskpool;
    requires org.slf4j;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.jr.ob;
    // The UNIX peer's credentials, for the audit log and throttling by user.
    requires jdk.net;

    exports dev.taskpool.control;
}
