package dev.taskpool.control.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The throttle's rules on a clock and a scheduler the test drives: who waits how long, who is
 * turned away, how failures are forgotten, and what reaches the log.
 */
class HandshakeThrottleTest {

    private static final Duration INITIAL = Duration.ofMillis(250);
    private static final Duration MAX = Duration.ofSeconds(5);
    private static final Duration HALF_LIFE = Duration.ofMinutes(1);
    private static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    private static final HandshakeThrottle.Limits CONFIG = new HandshakeThrottle.Limits(3, INITIAL, MAX, HALF_LIFE, LOG_INTERVAL);

    private static final Peer ALICE = peer("192.0.2.1");
    private static final Peer BOB = peer("192.0.2.2");

    /** Far from zero, and negative, as {@link System#nanoTime()} may be. */
    private long now = -4_000_000_000_000_000L;
    private final List<Scheduled> scheduled = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private record Scheduled(long dueNanos, Runnable task) {
    }

    private HandshakeThrottle throttle(HandshakeThrottle.Limits config) {
        return new HandshakeThrottle(config, () -> now,
                (task, delayNanos) -> scheduled.add(new Scheduled(now + delayNanos, task)), log::add);
    }

    private static Peer peer(String address) {
        try {
            return Peer.tcp(new InetSocketAddress(InetAddress.getByName(address), 50_000));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private void advance(Duration duration) {
        now += duration.toNanos();
        scheduled.sort(Comparator.comparingLong(Scheduled::dueNanos));
        while (!scheduled.isEmpty() && scheduled.getFirst().dueNanos() - now <= 0) {
            scheduled.removeFirst().task().run();
        }
    }

    private static void fail(HandshakeThrottle throttle, Peer peer, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(peer, "#" + i, "wrong token");
        }
    }

    private static Duration waitOf(HandshakeThrottle.Turn turn) {
        assertThat(turn.turnedAway()).as("turned away").isFalse();
        return Duration.ofNanos(turn.waitNanos());
    }

    // ---------------------------------------------------------------- delays

    @Test
    void theFreeFailuresCostNothing() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 3);

        assertThat(waitOf(throttle.turn(ALICE, "#4"))).isZero();
    }

    @Test
    void aFailurePastTheFreeOnesMakesTheNextHandshakeWaitTheInitialDelay() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 4);

        assertThat(waitOf(throttle.turn(ALICE, "#5"))).isEqualTo(INITIAL);
    }

    @Test
    void theDelayDoublesWithEachFurtherFailureUpToTheMaximum() {
        List<Long> waits = new ArrayList<>();
        for (int failures = 4; failures <= 10; failures++) {
            HandshakeThrottle throttle = throttle(CONFIG);
            fail(throttle, ALICE, failures);
            waits.add(waitOf(throttle.turn(ALICE, "#next")).toMillis());
        }

        assertThat(waits).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L);
    }

    @Test
    void handshakesOfOnePeerTakeTurnsOneAfterAnother() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 4);

        List<Duration> waits = List.of(waitOf(throttle.turn(ALICE, "#5")), waitOf(throttle.turn(ALICE, "#6")),
                waitOf(throttle.turn(ALICE, "#7")));

        assertThat(waits).containsExactly(INITIAL, INITIAL.multipliedBy(2), INITIAL.multipliedBy(3));
    }

    @Test
    void aHandshakeWhoseTurnIsFurtherAwayThanTheMaximumIsTurnedAway() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 10);
        assertThat(waitOf(throttle.turn(ALICE, "#11"))).isEqualTo(MAX);

        HandshakeThrottle.Turn turn = throttle.turn(ALICE, "#12");

        assertThat(turn.turnedAway()).isTrue();
        assertThat(turn.waitNanos()).as("until a turn could be had").isEqualTo(MAX.toNanos());
    }

    @Test
    void aTurnedAwayHandshakeDoesNotAddToTheCount() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 4);
        for (int i = 0; i < 100; i++) {
            throttle.turn(ALICE, "#" + i);
        }
        advance(MAX);

        // Four failures, a little forgotten: had the hundred counted, the wait would be the maximum.
        assertThat(waitOf(throttle.turn(ALICE, "#100"))).isPositive().isLessThanOrEqualTo(INITIAL);
    }

    @Test
    void anotherPeerIsNeverSlowedByOnePeersFailures() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 1000);
        throttle.turn(ALICE, "#1001");

        assertThat(waitOf(throttle.turn(BOB, "#1"))).isZero();
    }

    @Test
    void failuresAreForgottenAsTheirCountHalvesEveryHalfLife() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 8);
        assertThat(waitOf(throttle.turn(ALICE, "#9"))).isEqualTo(Duration.ofSeconds(4));

        advance(HALF_LIFE);
        assertThat(waitOf(throttle.turn(ALICE, "#10"))).as("four failures left").isEqualTo(INITIAL);

        advance(HALF_LIFE);
        assertThat(waitOf(throttle.turn(ALICE, "#11"))).as("two left").isZero();
    }

    @Test
    void withoutDelaysNobodyWaits() {
        HandshakeThrottle throttle = throttle(new HandshakeThrottle.Limits(3, Duration.ZERO, Duration.ZERO, HALF_LIFE, LOG_INTERVAL));
        fail(throttle, ALICE, 1000);

        assertThat(waitOf(throttle.turn(ALICE, "#1001"))).isZero();
    }

    // ---------------------------------------------------------------- the log

    @Test
    void aPeersFirstFailureIsLoggedAtOnce() {
        HandshakeThrottle throttle = throttle(CONFIG);

        throttle.failed(ALICE, "#1 on 127.0.0.1:9999 from 192.0.2.1:50000", "wrong token");

        assertThat(log).containsExactly("Control connection #1 on 127.0.0.1:9999 from 192.0.2.1:50000 refused: "
                + "wrong token");
    }

    @Test
    void furtherFailuresWithinTheIntervalAreSummedUpInOneLineAtItsEnd() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 1);
        fail(throttle, ALICE, 499);
        assertThat(log).hasSize(1);

        advance(LOG_INTERVAL);

        assertThat(log).hasSize(2).last().isEqualTo("499 failed handshakes from 192.0.2.1 in the last 1m00s");
    }

    @Test
    void theSummaryCountsTurnedAwayHandshakes() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 10);
        throttle.turn(ALICE, "#11");
        throttle.turn(ALICE, "#12");
        throttle.turn(ALICE, "#13");

        advance(LOG_INTERVAL);

        assertThat(log).last()
                .isEqualTo("11 failed handshakes from 192.0.2.1 in the last 1m00s, 2 of them turned away unchecked");
    }

    @Test
    void aPeerFailingWithoutPauseGetsOneLinePerInterval() {
        HandshakeThrottle throttle = throttle(CONFIG);
        // 15,800 guesses a second for three minutes, in steps of 100 ms.
        for (int step = 0; step < 1800; step++) {
            fail(throttle, ALICE, 1580);
            advance(Duration.ofMillis(100));
        }

        assertThat(log).containsExactly(
                "Control connection #0 refused: wrong token",
                "947999 failed handshakes from 192.0.2.1 in the last 1m00s",
                "948000 failed handshakes from 192.0.2.1 in the last 1m00s",
                "948000 failed handshakes from 192.0.2.1 in the last 1m00s");
    }

    @Test
    void eachPeerHasItsOwnLines() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 5);
        fail(throttle, BOB, 3);

        advance(LOG_INTERVAL);

        assertThat(log).containsExactly(
                "Control connection #0 refused: wrong token",
                "Control connection #0 refused: wrong token",
                "4 failed handshakes from 192.0.2.1 in the last 1m00s",
                "2 failed handshakes from 192.0.2.2 in the last 1m00s");
    }

    @Test
    void aFailureAfterAQuietIntervalIsLoggedAtOnceAgain() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 1);
        advance(LOG_INTERVAL);

        throttle.failed(ALICE, "#2", "missing token");

        assertThat(log).containsExactly("Control connection #0 refused: wrong token",
                "Control connection #2 refused: missing token");
    }

    @Test
    void aZeroLogIntervalLogsEveryFailure() {
        HandshakeThrottle throttle = throttle(new HandshakeThrottle.Limits(3, INITIAL, MAX, HALF_LIFE, Duration.ZERO));

        fail(throttle, ALICE, 5);

        assertThat(log).hasSize(5);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void flushWritesThePendingSummariesAtOnce() {
        HandshakeThrottle throttle = throttle(CONFIG);
        fail(throttle, ALICE, 3);
        advance(Duration.ofSeconds(20));

        throttle.flush();

        assertThat(log).last().isEqualTo("2 failed handshakes from 192.0.2.1 in the last 20.0s");
        advance(LOG_INTERVAL);
        assertThat(log).hasSize(2);
    }

    // ---------------------------------------------------------------- memory

    @Test
    void peersWhoseFailuresAreForgottenAreDropped() {
        HandshakeThrottle throttle = throttle(CONFIG);
        for (int i = 0; i < 2000; i++) {
            throttle.failed(peer("10.0." + (i / 256) + "." + (i % 256)), "#" + i, "wrong token");
        }
        advance(HALF_LIFE.multipliedBy(10));

        throttle.failed(peer("10.1.0.0"), "#2000", "wrong token");

        assertThat(throttle.trackedPeers()).isEqualTo(1);
    }

    @Test
    void pastTheMaximumOfPeersFurtherOnesShareOneCount() {
        HandshakeThrottle throttle = throttle(CONFIG);
        for (int i = 0; i < HandshakeThrottle.MAX_PEERS; i++) {
            throttle.failed(peer("10." + (i / 65_536) + "." + (i / 256 % 256) + "." + (i % 256)), "#" + i,
                    "wrong token");
        }
        Peer late = peer("10.200.0.1");
        Peer later = peer("10.200.0.2");

        fail(throttle, late, 2);
        fail(throttle, later, 2);

        assertThat(throttle.trackedPeers()).isEqualTo(HandshakeThrottle.MAX_PEERS);
        assertThat(waitOf(throttle.turn(peer("10.200.0.3"), "#new"))).isEqualTo(INITIAL);
        assertThat(waitOf(throttle.turn(ALICE, "#alice"))).isEqualTo(INITIAL.multipliedBy(2));
    }
}
