package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.protocol.PercentEncoding;
import io.github.mercurejakarta.server.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code mercure subscribe TOPIC...}: opens a subscription and prints each event as it arrives, in the
 * event stream's own {@code field: value} form, until interrupted.
 *
 * <pre>{@code
 * mercure subscribe 'https://example.com/books/{id}'
 * mercure subscribe --match https://example.com/books/1 --jwt "$TOKEN" --last-event-id urn:uuid:...
 * }</pre>
 */
@Command(name = "subscribe", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = MercureCli.Version.class,
        description = {"Subscribes to topics and prints the events as they arrive (id, event, data; a blank line"
                + " after each), until interrupted (Ctrl-C).",
            "The hub's answer to the subscription goes to stderr; only events go to stdout."},
        footer = {"", "Exit codes: 1 the hub is unreachable, refused the subscription (its answer is printed) or ended"
                + " the stream; 2 bad usage; 130 interrupted."})
final class SubscribeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "TOPIC",
            description = "Topic selectors. Draft-07 (`topic=`): a topic, URI template or *; with --match, draft-08.")
    List<String> selectors;

    @Option(names = "--match", description = "Subscribe in draft-08: `match=` (exact topics) instead of `topic=`.")
    boolean match;

    @Option(names = "--url-pattern", description = "Subscribe in draft-08 with `match_urlpattern=` (WHATWG URL Patterns).")
    boolean urlPattern;

    @Option(names = "--jwt", paramLabel = "TOKEN", description = "Subscriber token, sent in the Authorization header.")
    String jwt;

    @Option(names = "--last-event-id", paramLabel = "ID",
            description = "Receive the updates published after this one first (sent as the Last-Event-ID header).")
    String lastEventId;

    @Mixin
    HubOption hub;

    @Override
    public Integer call() {
        URI hubUrl = hub.uri();
        if (match && urlPattern) {
            throw new UserError(UserError.USAGE, "give --match or --url-pattern, not both");
        }
        String parameter = urlPattern ? "match_urlpattern" : match ? "match" : "topic";
        StringBuilder query = new StringBuilder();
        for (String s : selectors) {
            query.append(query.length() == 0 ? "" : "&").append(parameter).append('=')
                    .append(PercentEncoding.FORM.encode(s));
        }
        URI url = URI.create(hubUrl + "?" + query);
        Map<String, String> headers = new LinkedHashMap<>();
        if (jwt != null) {
            headers.put("Authorization", "Bearer " + jwt.trim());
        }
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        PrintStream out = System.out;
        AtomicReference<String> last = new AtomicReference<>(lastEventId);
        new HubClient(hubUrl).subscribe(url, headers, response -> {
            String cursor = response.headers().firstValue("Mercure-Last-Event-ID")
                    .or(() -> response.headers().firstValue("Last-Event-ID")).orElse(null);
            System.err.println("Subscribed to " + url + (cursor != null ? " (last event id: " + cursor + ")" : "")
                    + "; waiting for events, Ctrl-C ends");
            System.err.flush();
        }, event -> {
            out.println("id: " + event.id());
            out.println("event: " + event.type());
            for (String line : event.data().split("\n", -1)) {
                out.println("data: " + line);
            }
            out.println();
            out.flush();
            last.set(event.id());
        });
        throw new UserError(UserError.FAILED, "the hub ended the stream"
                + (last.get() != null && !last.get().isEmpty() ? "; resume with --last-event-id " + last.get() : ""));
    }
}
