package io.github.mercurejakarta.server.cli;

import io.github.mercurejakarta.config.MercureConfig.Key;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mercure hub}'s option table against the library's keys, without starting a hub. */
class HubCommandTest {

    /** Keys that configure an application's publishing side, not a hub: no {@code mercure hub} option. */
    private static final Set<Key> NOT_HUB_SETTINGS = EnumSet.of(Key.HUB_URL, Key.PUBLIC_HUB_URL, Key.PUBLISHER_JWT,
            Key.AUTHZ_COOKIE_NAME, Key.TYPE_IS_TOPIC, Key.HUB, Key.HUB_ALLOW_PUBLISH, Key.PROTOCOL_VERSION,
            Key.SUBSCRIBER_TOKEN_TTL, Key.HUB_TIMEOUT);

    @Test
    void everyHubSettingHasAnOption() {
        Set<String> keysWithOption = new HubCommand().options().stream().map(HubCommand.GivenOption::key)
                .collect(Collectors.toSet());
        for (Key k : Key.values()) {
            if (!NOT_HUB_SETTINGS.contains(k)) {
                assertTrue(keysWithOption.contains(k.key()), "mercure hub has no option for " + k.key());
            }
        }
    }

    @Test
    void everyOptionsHelpNamesTheEnvironmentVariableOfItsKey() {
        HubCommand command = new HubCommand();
        CommandLine cli = new CommandLine(command);
        // given, the two specific secrets have their own rows (else --secret stands for them)
        cli.parseArgs("--publisher-secret", "p", "--subscriber-secret", "s");
        Map<String, String> keyOfOption = command.options().stream()
                .collect(Collectors.toMap(o -> o.option().replace("[no-]", ""), HubCommand.GivenOption::key, (a, b) -> a));
        for (OptionSpec option : cli.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String name = option.longestName();
            String key = keyOfOption.get(name);
            assertTrue(key != null, name + " sets no mercure.* key in the option table");
            String help = String.join(" ", option.description());
            assertTrue(help.contains("Env: " + SettingSources.environmentVariable(key)),
                    name + "'s help names " + SettingSources.environmentVariable(key) + ": " + help);
        }
    }

    @Test
    void limitLifetimeAndTimeoutOptionsSetTheirKeys() {
        HubCommand command = new HubCommand();
        new CommandLine(command).parseArgs("--max-connections", "7", "--max-connections-per-address", "3",
                "--trusted-proxies", "10.0.0.1,10.0.0.2", "--max-selectors", "4", "--max-selector-length", "99",
                "--max-topics", "5", "--max-body-size", "2048", "--subscriber-queue-size", "64",
                "--dispatch-timeout", "2", "--connection-lifetime", "600", "--connection-lifetime-jitter", "30",
                "--shutdown-timeout", "1");
        Map<String, String> settings = command.commandLineSettings();
        List<Object[]> expected = List.of(
                new Object[] {Key.HUB_MAX_CONNECTIONS, "7"}, new Object[] {Key.HUB_MAX_CONNECTIONS_PER_ADDRESS, "3"},
                new Object[] {Key.HUB_TRUSTED_PROXIES, "10.0.0.1,10.0.0.2"}, new Object[] {Key.HUB_MAX_SELECTORS, "4"},
                new Object[] {Key.HUB_MAX_SELECTOR_LENGTH, "99"}, new Object[] {Key.HUB_MAX_TOPICS, "5"},
                new Object[] {Key.HUB_MAX_BODY_SIZE, "2048"}, new Object[] {Key.HUB_QUEUE_SIZE, "64"},
                new Object[] {Key.HUB_DISPATCH_TIMEOUT, "2"}, new Object[] {Key.HUB_CONNECTION_LIFETIME, "600"},
                new Object[] {Key.HUB_CONNECTION_LIFETIME_JITTER, "30"}, new Object[] {Key.HUB_SHUTDOWN_TIMEOUT, "1"});
        for (Object[] e : expected) {
            assertEquals(e[1], settings.get(((Key) e[0]).key()), "the value given for " + ((Key) e[0]).key());
        }
        assertEquals(expected.size(), settings.size(), "nothing else is set: " + settings);
    }

    @Test
    void jwksOptionsSetTheirKeys() {
        HubCommand command = new HubCommand();
        new CommandLine(command).parseArgs("--publisher-jwks-url", "https://auth.example.com/p.json",
                "--subscriber-jwks-url", "https://auth.example.com/s.json", "--jwks-min-refresh-interval", "30");
        Map<String, String> settings = command.commandLineSettings();
        assertEquals(Map.of(Key.PUBLISHER_JWKS_URL.key(), "https://auth.example.com/p.json",
                Key.SUBSCRIBER_JWKS_URL.key(), "https://auth.example.com/s.json",
                Key.HUB_JWKS_MIN_REFRESH_INTERVAL.key(), "30"), settings);
    }
}
