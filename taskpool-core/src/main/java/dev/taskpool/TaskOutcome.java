package dev.taskpool;

/** How a task came to its end, as {@link PoolListener#taskEnded} reports it. */
public enum TaskOutcome {
    /** Its body returned, and it was not cancelled. */
    COMPLETED,
    /** Its body threw, and it was not cancelled. */
    FAILED,
    /** It was cancelled (whatever its body did as it stopped). */
    CANCELLED,
    /** Its timeout passed while it ran: it was interrupted then, and has stopped since. */
    TIMED_OUT
}
