package dev.taskpool;

/** Where a task is in its life, as reported by {@link BaseTaskPool#tasks()}. */
public enum TaskState {
    /** Its body is running. */
    RUNNING,
    /** It has been cancelled (interrupted) but its body has not returned yet. */
    CANCELLING,
    /** It was cancelled and its body has returned. */
    CANCELLED,
    /** Its body returned normally. */
    ENDED,
    /** Its body threw; the failure is kept until the next flush. */
    FAILED,
    /** Its timeout passed and it was interrupted, but its body has not returned yet. */
    OVERDUE,
    /** Its timeout passed and its body has returned since. */
    TIMED_OUT
}
