package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs against the application on Open Liberty ({@code mvn verify} starts it; in {@code mvn liberty:dev},
 * press Enter): subscribes as the page does, with the hub URL the page is given, then publishes through
 * both resources and reads the updates from the stream.
 */
class HelloIT {

    private static final URI BASE = URI.create("http://localhost:" + System.getProperty("http.port", "9080") + "/");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern HUB_URL = Pattern.compile("const hubUrl = \"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @Test
    void updatesReachASubscriber() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(BASE).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        Matcher hubUrl = HUB_URL.matcher(page.body());
        assertTrue(hubUrl.find(), "the page names the hub it subscribes to");

        HttpResponse<Stream<String>> stream = http.sendAsync(
                        HttpRequest.newBuilder(BASE.resolve(hubUrl.group(1))).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofLines())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> stream.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            assertEquals(200, post("greetings", "text=Hello%2C+world").statusCode());
            List<String> greeting = nextEvent(lines);
            assertTrue(greeting.contains("data: {\"text\":\"Hello, world\"}"), greeting.toString());

            String total = post("clicks", "").body();
            List<String> click = nextEvent(lines);
            assertTrue(click.contains("event: clicks"), click.toString());
            assertTrue(click.contains("data: {\"total\":" + total + "}"), click.toString());
        } finally {
            stream.body().close();
        }
    }

    @Test
    void aGreetingWithoutTextIsRefused() throws Exception {
        assertEquals(400, post("greetings", "text=").statusCode());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(BASE.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The lines of the stream's next event, up to the blank line that ends it (comments skipped). */
    private static List<String> nextEvent(BlockingQueue<String> lines) throws InterruptedException {
        List<String> event = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null || line.startsWith(":")) {
                continue;
            }
            if (!line.isEmpty()) {
                event.add(line);
            } else if (event.stream().anyMatch(field -> field.startsWith("data:"))) {
                return event;
            }
        }
        throw new AssertionError("no event within " + WAIT + "; lines so far: " + event);
    }
}
