package dev.taskpool;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.time.Duration;

/**
 * Makes Awaitility poll every millisecond instead of every 100 ms, so that tests waiting
 * for a condition resume as soon as it holds; registered for the whole test run.
 */
public class AwaitilityDefaults implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(1));
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
    }
}
