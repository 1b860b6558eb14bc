package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.Form;
import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.RawStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.github.mercurejakarta.server.MetricsIT.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/mercure hub} as a user who changes nothing runs it: the launcher's JVM settings (ParallelGC with a
 * 24 MiB young generation, which keep the RSS per stream small; bench/RESULTS.md) reach the JVM, the hub serves
 * 1,000 streams from one address and an update reaches each, and {@code MERCURE_JAVA_OPTS} replaces the
 * settings. Once per test run (the launcher does not depend on the front end).
 */
@EnabledIfSystemProperty(named = "mercure.it.front.end", matches = "netty")
@DisabledIfSystemProperty(named = "mercure.it.netty.io", matches = "nio")
class LauncherIT {

    static final String SECRET = "the-launcher-test-secret-of-32-bytes!!";
    static final String TOPIC = "https://example.com/launcher";

    @Test
    void withNoOptionsTheLauncherGivesItsJvmSettingsAndTheHubServesAThousandStreams() {
        try (HubProcess hub = HubProcess.startHubWithLauncher(List.of("--secret", SECRET), Map.of());
             RawStreams streams = RawStreams.open(hub.hubUrl("topic=" + enc(TOPIC)), 1000, Duration.ofSeconds(10))) {
            List<String> jvm = hub.arguments();
            assertTrue(jvm.contains("-XX:+UseParallelGC") && jvm.contains("-Xmn24m"), "the launcher's defaults: " + jvm);
            assertEquals(1000, streams.countWithStatus(200), streams.describe());
            String marker = "through-the-launcher-" + System.nanoTime();
            HttpResponse<String> published = HttpCalls.postForm(hub.hubUrl(), Form.of("topic", TOPIC, "data", marker),
                    "Authorization", "Bearer " + hub.draft07Token());
            assertEquals(200, published.statusCode(), published.body());
            assertEquals(1000, streams.awaitOnEach(marker, Duration.ofSeconds(30)), "the update reaches every stream");
        }
    }

    @Test
    void mercureJavaOptsReplacesTheLaunchersSettings() {
        try (HubProcess hub = HubProcess.startHubWithLauncher(List.of("--secret", SECRET), Map.of("MERCURE_JAVA_OPTS", "-Xmx256m"))) {
            List<String> jvm = hub.arguments();
            assertTrue(jvm.contains("-Xmx256m"), jvm.toString());
            assertFalse(jvm.contains("-XX:+UseParallelGC") || jvm.contains("-Xmn24m"), "replaced, not added to: " + jvm);
        }
    }
}
