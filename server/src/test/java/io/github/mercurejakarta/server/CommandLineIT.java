package io.github.mercurejakarta.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the command line answers without serving: help, bad settings, a port in use. */
class CommandLineIT {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void hubHelpExitsZeroAndListsEveryOption() {
        HubProcess p = HubProcess.runToExit(List.of("hub", "--help"), Map.of(), EXIT_TIMEOUT);
        assertEquals(0, p.exitValue(), p.output());
        String help = String.join("\n", p.stdoutLines());
        for (String option : List.of("--host", "--port", "--publisher-secret", "--subscriber-secret", "--secret",
                "--[no-]allow-anonymous", "--cors-origins", "--publish-origins", "--keepalive-interval",
                "--reconciliation-length", "--issuer", "--audience", "--[no-]subscriptions", "--transport", "--front-end",
                "--max-connections", "--max-connections-per-address", "--trusted-proxies", "--dispatch-timeout",
                "--connection-lifetime", "--max-body-size")) {
            assertTrue(help.contains(option), "the help lists " + option + "; " + p.output());
        }
        assertTrue(help.contains("MERCURE_HUB_KEEPALIVE_INTERVAL") && help.contains("MERCURE_HUB_MAX_CONNECTIONS_PER_ADDRESS"), "the help names the environment variables; " + p.output());
    }

    @Test
    void badOptionValueExitsTwoWithOneLineNamingTheKey() {
        HubProcess p = HubProcess.runToExit(List.of("hub", "--keepalive-interval", "-3"), Map.of(), EXIT_TIMEOUT);
        assertEquals(2, p.exitValue(), p.output());
        assertOneLineNaming(p, "mercure.hub.keepalive.interval");
        assertTrue(p.stderrLines().get(0).contains("--keepalive-interval"), "says where the value came from; " + p.output());
    }

    @Test
    void anUnknownFrontEndExitsTwoWithOneLineNamingTheKey() {
        HubProcess p = HubProcess.runToExit(List.of("hub", "--front-end", "servlet"), Map.of(), EXIT_TIMEOUT);
        assertEquals(2, p.exitValue(), p.output());
        assertOneLineNaming(p, "mercure.hub.front.end");
        assertTrue(p.stderrLines().get(0).contains("--front-end"), "says where the value came from; " + p.output());
    }

    @Test
    void badEnvironmentValueExitsTwoWithOneLineNamingTheKey() {
        HubProcess p = HubProcess.runToExit(List.of("hub"), Map.of("MERCURE_HUB_ALLOW_ANONYMOUS", "maybe"), EXIT_TIMEOUT);
        assertEquals(2, p.exitValue(), p.output());
        assertOneLineNaming(p, "mercure.hub.allow.anonymous");
        assertTrue(p.stderrLines().get(0).contains("MERCURE_HUB_ALLOW_ANONYMOUS"), "says where the value came from; " + p.output());
    }

    @Test
    void portInUseExitsOneWithOneClearLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            HubProcess p = HubProcess.runToExit(List.of("hub", "--host", "127.0.0.1", "--port",
                    String.valueOf(taken.getLocalPort()), "--secret", "a-secret-for-the-port-in-use-test!!"), Map.of(), EXIT_TIMEOUT);
            assertEquals(1, p.exitValue(), p.output());
            assertEquals(1, p.stderrLines().size(), "one line on stderr; " + p.output());
            assertTrue(p.stderrLines().get(0).contains("already in use"), p.output());
        }
    }

    private static void assertOneLineNaming(HubProcess p, String key) {
        assertEquals(1, p.stderrLines().size(), "one line on stderr; " + p.output());
        assertTrue(p.stderrLines().get(0).contains(key), "the line names " + key + "; " + p.output());
        assertFalse(p.stderrLines().get(0).contains("Exception"), "no stack trace; " + p.output());
    }
}
