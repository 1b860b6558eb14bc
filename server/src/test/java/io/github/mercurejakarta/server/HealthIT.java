package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.HttpCalls;
import io.github.mercurejakarta.testsupport.RedisServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone hub's {@code /health/live} and {@code /health/ready}, in MicroProfile Health's JSON and
 * status codes, with the local transport and with Redis going away and coming back.
 */
class HealthIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    static URI health(HubProcess hub, String path) {
        URI u = hub.hubUrl();
        return u.resolve("/health" + path);
    }

    static HttpResponse<String> get(HubProcess hub, String path) {
        return HttpCalls.get(health(hub, path));
    }

    @Test
    void aLocalHubIsLiveAndReady() {
        try (HubProcess hub = HubProcess.startHub(List.of("--secret", RedisClusterIT.SECRET), Map.of())) {
            HttpResponse<String> live = get(hub, "/live");
            assertEquals(200, live.statusCode(), live.body());
            assertTrue(live.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), "JSON");
            assertTrue(live.body().startsWith("{\"status\":\"UP\",\"checks\":[{\"name\":\"mercure-hub\",\"status\":\"UP\",\"data\":{"),
                    "MicroProfile Health's format, the hub's liveness check: " + live.body());
            HttpResponse<String> ready = get(hub, "/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("{\"status\":\"UP\",\"checks\":[{\"name\":\"mercure-transport\",\"status\":\"UP\",\"data\":{\"transport\":\"local\"}}]}",
                    ready.body(), "the local transport is always ready");
            HttpResponse<String> all = get(hub, "");
            assertEquals(200, all.statusCode(), all.body());
            assertTrue(all.body().contains("mercure-hub") && all.body().contains("mercure-transport"), "/health has both: " + all.body());
            assertEquals(200, get(hub, "/started").statusCode(), "started once it serves");
        }
    }

    @Test
    void readinessIsDownWhileRedisIsAwayAndLivenessStaysUp() {
        try (RedisServer redis = RedisServer.start();
             HubProcess hub = HubProcess.startHub(List.of("--secret", RedisClusterIT.SECRET, "--transport", redis.url()), Map.of())) {
            HttpResponse<String> ready = get(hub, "/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"transport\":\"" + redis.url() + "\""), "names the Redis URL: " + ready.body());
            redis.stop();
            HttpResponse<String> down = await(hub, "/ready", 503);
            assertTrue(down.body().startsWith("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"mercure-transport\",\"status\":\"DOWN\""),
                    "DOWN while Redis is away: " + down.body());
            assertTrue(down.body().contains("\"error\":"), "says why: " + down.body());
            HttpResponse<String> live = get(hub, "/live");
            assertEquals(200, live.statusCode(), "an unreachable Redis does not make the hub dead: " + live.body());
            assertEquals(503, get(hub, "").statusCode(), "/health is DOWN when one check is");
            redis.restart();
            HttpResponse<String> up = await(hub, "/ready", 200);
            assertTrue(up.body().startsWith("{\"status\":\"UP\""), "UP again once Redis is back: " + up.body());
            hub.awaitStderr(l -> l.contains("MERCURE0302I"), WAIT); // the hub's stderr reaches the test through a pipe
            assertEquals(1, count(hub, "MERCURE0301W"), "the outage is logged once, not per retry; " + hub.output());
            assertEquals(1, count(hub, "MERCURE0302I"), "and the return once; " + hub.output());
        }
    }

    static HttpResponse<String> await(HubProcess hub, String path, int status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> r;
        while ((r = get(hub, path)).statusCode() != status) {
            assertTrue(System.nanoTime() < deadline, "/health" + path + " answers " + status + " within " + WAIT + ", last: "
                    + r.statusCode() + " " + r.body());
            pause();
        }
        return r;
    }

    static long count(HubProcess hub, String code) {
        return hub.stderrLines().stream().filter(l -> l.contains(code)).count()
                + hub.stdoutLines().stream().filter(l -> l.contains(code)).count();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
