package io.github.mercurejakarta.http;

import io.github.mercurejakarta.hub.SubscriberSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A stream whose every write completes at once and goes nowhere: for tests about what the hub keeps. */
final class NullSink implements SubscriberSink {
    @Override
    public CompletionStage<?> write(byte[] bytes) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
    }
}
