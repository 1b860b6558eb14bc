package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.MercureSubscriber;
import io.github.mercurejakarta.ReceivedUpdate;
import io.github.mercurejakarta.exceptions.SubscriptionRefusedException;
import io.github.mercurejakarta.server.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code mercure subscribe TOPIC...}: subscribes through the library's {@link MercureSubscriber} and prints
 * each event as it arrives, in the event stream's own {@code field: value} form, until interrupted. Once
 * subscribed, it reconnects by itself (with {@code Last-Event-ID}) when the hub ends the stream or goes
 * away, saying so on stderr; a hub unreachable at the start, or a refusal, ends it with exit code 1.
 *
 * <pre>{@code
 * mercure subscribe 'https://example.com/books/{id}'
 * mercure subscribe --match https://example.com/books/1 --jwt "$TOKEN" --last-event-id urn:uuid:...
 * }</pre>
 */
@Command(name = "subscribe", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = MercureCli.Version.class,
        description = {"Subscribes to topics and prints the events as they arrive (id, event, data; a blank line"
                + " after each), until interrupted (Ctrl-C). When the hub ends the stream or goes away it"
                + " reconnects, resuming after the last event (Last-Event-ID).",
            "The hub's answer to the subscription and reconnections go to stderr; only events go to stdout."},
        footer = {"", "Exit codes: 1 the hub is unreachable at the start or refused the subscription (its answer is"
                + " printed); 2 bad usage; 130 interrupted."})
final class SubscribeCommand implements Callable<Integer> {

    /**
     * The subscriber's own log lines (MERCURE0503W...) say what this command already prints on stderr, in its
     * one-line form; kept in a field so that the level is not lost with a collected logger.
     */
    private static final Logger SUBSCRIBER_LOG = Logger.getLogger("io.github.mercurejakarta.client");

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
        SUBSCRIBER_LOG.setLevel(Level.OFF);
        String[] s = selectors.toArray(String[]::new);
        CompletableFuture<Void> end = new CompletableFuture<>();
        AtomicBoolean everConnected = new AtomicBoolean();
        PrintStream out = System.out;
        MercureSubscriber.Builder builder = MercureSubscriber.builder(hubUrl)
                .lastEventId(lastEventId)
                .reconnectDelay(Duration.ofSeconds(1))
                .maxReconnectDelay(Duration.ofSeconds(30))
                .listener(new MercureSubscriber.ConnectionListener() {
                    @Override
                    public void connected(Optional<String> position) {
                        boolean again = everConnected.getAndSet(true);
                        System.err.println((again ? "Subscribed again to " : "Subscribed to ") + hubUrl + " "
                                + selectors + position.map(p -> " (last event id: " + p + ")").orElse("")
                                + (again ? "" : "; waiting for events, Ctrl-C ends"));
                        System.err.flush();
                    }

                    @Override
                    public void disconnected(String reason, Duration retryIn) {
                        if (!everConnected.get()) {
                            // a hub that is not there at the start is a mistake to report, not to wait out
                            end.completeExceptionally(new UserError(UserError.FAILED, "cannot reach the hub at " + hubUrl + ": " + reason));
                            return;
                        }
                        System.err.println("Disconnected (" + reason + "); reconnecting in " + retryIn.toMillis() + " ms");
                        System.err.flush();
                    }
                });
        if (jwt != null) {
            builder.token(jwt.trim());
        }
        MercureSubscriber subscriber = (urlPattern ? builder.urlPatterns(s) : match ? builder.match(s) : builder.topics(s)).build();
        try (subscriber) {
            subscriber.subscribe(new Flow.Subscriber<>() {
                Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    this.subscription = subscription;
                    subscription.request(1);
                }

                @Override
                public void onNext(ReceivedUpdate event) {
                    out.println("id: " + event.id());
                    out.println("event: " + event.type());
                    for (String line : event.data().split("\n", -1)) {
                        out.println("data: " + line);
                    }
                    out.println();
                    out.flush();
                    subscription.request(1); // one at a time: a slow terminal holds the stream back, not memory
                }

                @Override
                public void onError(Throwable t) {
                    end.completeExceptionally(t instanceof SubscriptionRefusedException r
                            ? new UserError(UserError.FAILED, "the hub at " + hubUrl + " answered " + r.status()
                                    + r.hubMessage().map(m -> ": " + m.replaceAll("\\s+", " ")).orElse(""))
                            : t);
                }

                @Override
                public void onComplete() {
                    end.complete(null);
                }
            });
            end.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UserError(UserError.FAILED, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(UserError.FAILED, "interrupted");
        }
        return 0;
    }
}
