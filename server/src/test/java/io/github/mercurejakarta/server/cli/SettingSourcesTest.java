package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.config.MercureConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The precedence of setting sources and the environment variable names, without starting a hub. */
class SettingSourcesTest {

    private static SettingSources cliThenEnv(Map<String, String> cli, Map<String, String> env) {
        return new SettingSources(List.of(SettingSources.map("command line", cli, k -> "--option"),
                SettingSources.environment(env::get)));
    }

    @Test
    void environmentVariableNamesFollowMicroProfileConfig() {
        assertEquals("MERCURE_HUB_KEEPALIVE_INTERVAL", SettingSources.environmentVariable("mercure.hub.keepalive.interval"));
        assertEquals(MercureConfig.Key.HUB_ALLOW_ANONYMOUS.environmentVariable(),
                SettingSources.environmentVariable(MercureConfig.Key.HUB_ALLOW_ANONYMOUS.key()));
    }

    @Test
    void commandLineBeatsEnvironmentAndSaysWhereAValueCameFrom() {
        SettingSources s = cliThenEnv(Map.of("mercure.hub.port", "7000"),
                Map.of("MERCURE_HUB_PORT", "6000", "MERCURE_HUB_ISSUER", "iss-from-env"));
        assertEquals("7000", s.value("mercure.hub.port").orElseThrow());
        assertEquals("--option", s.find("mercure.hub.port").orElseThrow().origin());
        assertEquals("iss-from-env", s.value("mercure.hub.issuer").orElseThrow());
        assertEquals("environment variable MERCURE_HUB_ISSUER", s.find("mercure.hub.issuer").orElseThrow().origin());
    }

    @Test
    void blankValuesFallThroughToTheNextSource() {
        SettingSources s = cliThenEnv(Map.of("mercure.hub.issuer", " "), Map.of("MERCURE_HUB_ISSUER", "env"));
        assertEquals("env", s.value("mercure.hub.issuer").orElseThrow());
    }

    @Test
    void secretOnTheCommandLineBeatsASpecificKeyFromTheEnvironment() {
        HubCommand command = new HubCommand(Map.of("MERCURE_PUBLISHER_SECRET_KEY", "from-env")::get,
                new PrintStream(new ByteArrayOutputStream()));
        new CommandLine(command).parseArgs("--secret", "from-cli", "--no-allow-anonymous", "--keepalive-interval", "3");
        Map<String, String> cli = command.commandLineSettings();
        assertEquals("from-cli", cli.get("mercure.publisher.secret.key"));
        assertEquals("from-cli", cli.get("mercure.subscriber.secret.key"));
        assertEquals("false", cli.get("mercure.hub.allow.anonymous"));
        assertEquals("3", cli.get("mercure.hub.keepalive.interval"));
        assertTrue(!cli.containsKey("mercure.hub.subscriptions"), "an option not given leaves the key to the environment");
    }

    @Test
    void wildcardListenAddressesPrintLocalhost() {
        assertEquals("http://localhost:5500/.well-known/mercure", StartBanner.publicHubUrl("0.0.0.0", 5500));
        assertEquals("http://localhost:5500/.well-known/mercure", StartBanner.publicHubUrl("::", 5500));
        assertEquals("http://127.0.0.1:80/.well-known/mercure", StartBanner.publicHubUrl("127.0.0.1", 80));
        assertEquals("http://[::1]:5500/.well-known/mercure", StartBanner.publicHubUrl("::1", 5500));
    }
}
