package io.github.mercurejakarta.portable;

import static io.github.mercurejakarta.portable.PortableApp.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mercurejakarta.protocol.SubscriptionTopics;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.RawSseSubscriber;
import io.github.mercurejakarta.testsupport.SseClient;
import io.github.mercurejakarta.testsupport.SseEvent;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presence and keep-alive at the default keep-alive interval (15 s), on the server under test: the app
 * deployed as {@code presence.war} without the 1 s interval of the other portable tests.
 *
 * <p>A Servlet container tells of a client that closed its connection only through a failed write (no
 * {@code ReadListener} or {@code AsyncListener} event on any of the three servers), and the first write
 * into such a connection succeeds (it provokes the reset that fails a later one): the hub therefore
 * follows each keep-alive with two comments half a second apart. So a raw-socket subscriber that closes
 * right after them (the worst case) is found gone within one interval and a second; until then it counts
 * as connected and against the connection limit.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PresenceIT {

    private static final Duration INTERVAL = Duration.ofSeconds(15);
    /** The promise: found gone within one keep-alive interval and a second (the probes' delay)... */
    private static final Duration FOUND_GONE = INTERVAL.plusSeconds(1);
    /** ...give or take this much for a loaded machine (before the probe it took two to three intervals). */
    private static final Duration SLACK = Duration.ofSeconds(1);

    @Deployment(testable = false)
    static WebArchive app() {
        // two streams at most: the watcher and the subscriber, so a third is refused while both count
        return PortableApp.war("presence", "mercure.hub.max.connections=2");
    }

    @ArquillianResource
    URL base;

    @Test
    void aSubscriberThatClosesIsFoundGoneWithinAnIntervalAndASecond() throws Exception {
        PortableApp app = PortableApp.at(base);
        String topic = PortableApp.topic("presence");
        String pattern = app.hubPath() + SubscriptionTopics.SEGMENT + "/:t/:m/:s";
        try (SseClient watcher = open(SseClient.to(app.hub("match_urlpattern", pattern))
                .authorization(app.subscriberToken08Pattern(pattern)))) {
            try (RawSseSubscriber raw = new RawSseSubscriber(app.hub("match", topic))) {
                goesAwayAndIsFoundGone(app, topic, watcher, raw);
            }
        }
    }

    private static void goesAwayAndIsFoundGone(PortableApp app, String topic, SseClient watcher, RawSseSubscriber raw) throws Exception {
        long opened = raw.awaitComments(1, Duration.ofSeconds(10)); // the opening comment: the stream's last write
        nextAbout(watcher, topic, true, Duration.ofSeconds(10));
        assertEquals("true", connected(app, topic), "the open subscriber is online");
        try (SseClient third = SseClient.to(app.hub("match", topic)).open()) {
            assertEquals(429, third.status(), "the limit counts both open streams: " + third.describe());
        }

        long keepAlive = raw.awaitComments(2, INTERVAL.plusSeconds(5));
        Duration idle = Duration.ofNanos(keepAlive - opened);
        System.out.printf("[%s] keep-alive %d ms after the stream's last write%n", PortableApp.server(), idle.toMillis());
        assertTrue(idle.compareTo(INTERVAL.plusMillis(500)) <= 0, "a keep-alive at most one interval after the last write: " + idle);
        assertTrue(idle.compareTo(INTERVAL.minusSeconds(1)) >= 0, "and not much earlier: the interval is not shortened: " + idle);

        // the two comments that follow a keep-alive on these servers: a client closing after them waits the
        // longest, for the next keep-alive and its probes
        raw.awaitComments(4, Duration.ofSeconds(5));
        long closed = raw.disconnect();
        long offline = awaitOffline(app, topic, FOUND_GONE.plus(SLACK).plusSeconds(5));
        SseEvent ended = nextAbout(watcher, topic, false, Duration.ofSeconds(5));
        long announced = System.nanoTime();
        Duration toOffline = Duration.ofNanos(offline - closed);
        Duration toEvent = Duration.ofNanos(announced - closed);
        System.out.printf("[%s] closed subscriber: isConnected false after %d ms, active:false after %d ms%n",
                PortableApp.server(), toOffline.toMillis(), toEvent.toMillis());
        assertTrue(toOffline.compareTo(FOUND_GONE.plus(SLACK)) <= 0, "isConnected turned false within an interval and a second: " + toOffline);
        assertTrue(toEvent.compareTo(FOUND_GONE.plus(SLACK)) <= 0, "active:false published within an interval and a second: " + toEvent
                + " " + ended.data());

        try (SseClient next = SseClient.to(app.hub("match", topic)).open()) {
            assertEquals(200, next.status(), "the closed stream no longer counts against the limit: " + next.describe());
        }
    }

    private static String connected(PortableApp app, String topic) {
        return HttpCalls.get(app.uri("app/connected?topic=" + PortableApp.enc(topic))).body().strip();
    }

    /** @return nanoTime when the app's {@code isConnected(topic)} first answered false */
    private static long awaitOffline(PortableApp app, String topic, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if ("false".equals(connected(app, topic))) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("isConnected still true " + timeout + " after the subscriber closed");
    }

    /** The watcher's next subscription event about {@code topic} with {@code active}; others are skipped. */
    private static SseEvent nextAbout(SseClient watcher, String topic, boolean active, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SseEvent e = watcher.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e.data().contains(":\"" + topic + "\",") && e.data().contains("\"active\":" + active)) {
                return e;
            }
        }
    }
}
