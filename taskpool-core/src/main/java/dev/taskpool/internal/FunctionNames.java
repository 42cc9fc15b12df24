package dev.taskpool.internal;

/** Names for task bodies given as lambdas, method references or classes. */
public final class FunctionNames {

    private FunctionNames() {
    }

    /**
     * A short name for a task body: {@code lambda} for lambdas and method references (their
     * classes are hidden and carry no useful name), the simple class name otherwise.
     */
    public static String of(Object body) {
        Class<?> type = body.getClass();
        if (type.isHidden() || type.isSynthetic() || type.isAnonymousClass()) {
            return "lambda";
        }
        return type.getSimpleName();
    }
}
