package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.SseClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code --[no-]allow-anonymous} and {@code MERCURE_HUB_ALLOW_ANONYMOUS}: each source alone, and the
 * command line beating the environment both ways. One hub per configuration.
 */
class AnonymousSubscribersIT {

    private static final List<String> SECRETS = List.of("--secret", "a-secret-for-the-anonymous-subscribers-IT");

    private static int tokenlessSubscribeStatus(HubProcess hub) {
        try (SseClient sse = SseClient.open(hub.hubUrl("topic=https%3A%2F%2Fexample.com%2Fanything"))) {
            return sse.status();
        }
    }

    private static List<String> args(String... more) {
        List<String> all = new java.util.ArrayList<>(SECRETS);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void noAllowAnonymousFlagRefusesTokenlessSubscribersEvenWhenTheEnvironmentAllowsThem() {
        try (HubProcess hub = HubProcess.startHub(args("--no-allow-anonymous"), Map.of("MERCURE_HUB_ALLOW_ANONYMOUS", "true"))) {
            assertEquals(401, tokenlessSubscribeStatus(hub), hub.output());
        }
    }

    @Test
    void environmentVariableFalseRefusesTokenlessSubscribers() {
        try (HubProcess hub = HubProcess.startHub(args(), Map.of("MERCURE_HUB_ALLOW_ANONYMOUS", "false"))) {
            assertEquals(401, tokenlessSubscribeStatus(hub), hub.output());
        }
    }

    @Test
    void allowAnonymousFlagBeatsTheEnvironmentVariable() {
        try (HubProcess hub = HubProcess.startHub(args("--allow-anonymous"), Map.of("MERCURE_HUB_ALLOW_ANONYMOUS", "false"))) {
            assertEquals(200, tokenlessSubscribeStatus(hub), hub.output());
        }
    }
}
