package io.github.mercurejakarta.hub.transport.postgresql;

import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.ConfigurationException;
import io.github.mercurejakarta.hub.transport.Transport;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code postgresql://}, {@code postgres://} and {@code datasource:} forms of mercure.hub.transport. */
class PostgresLocationTest {

    @Test
    void aUrlGivesPgjdbcItsUrlCredentialsAndParametersAndTheHubItsSchema() {
        PostgresLocation l = PostgresLocation.parse("postgresql://hub:p%40ss@db.internal:5433/app%20db?sslmode=verify-full&schema=mercure");
        assertEquals("jdbc:postgresql://db.internal:5433/app%20db", l.jdbcUrl());
        assertEquals("hub", l.properties().getProperty("user"));
        assertEquals("p@ss", l.properties().getProperty("password"), "percent-decoded");
        assertEquals("verify-full", l.properties().getProperty("sslmode"), "sslmode goes to pgjdbc");
        assertNull(l.properties().getProperty("schema"), "schema is the hub's, not pgjdbc's");
        assertEquals("mercure", l.schema());
        assertEquals("mercure.mercure_updates", l.table("updates"));
        assertEquals("mercure_mercure", l.channel());
        assertEquals("postgresql://hub:***@db.internal:5433/app%20db?sslmode=verify-full&schema=mercure", l.describe(),
                "no password in messages");
    }

    @Test
    void postgresSchemeDefaultsAndIpv6() {
        PostgresLocation l = PostgresLocation.parse("postgres://[::1]:5432/app");
        assertEquals("jdbc:postgresql://[::1]:5432/app", l.jdbcUrl());
        assertEquals("public", l.schema(), "the default schema");
        assertEquals("5", l.properties().getProperty("connectTimeout"), "an unreachable server fails in seconds");
    }

    @Test
    void aDataSourceByJndiName() {
        PostgresLocation l = PostgresLocation.parse("datasource:java:comp/env/jdbc/app?schema=hub");
        assertEquals("java:comp/env/jdbc/app", l.jndiName());
        assertNull(l.jdbcUrl());
        assertEquals("hub", l.schema());
    }

    @Test
    void unusableValuesAreRefusedWithTheReason() {
        for (String[] c : new String[][] {
                {"postgresql://db:5432", "database"},
                {"postgresql:///app", "host"},
                {"postgresql://db/app?schema=Bad-Name", "schema must be"},
                {"postgresql://db/app?schema=" + "s".repeat(41), "schema must be"},
                {"postgresql://db/app?sslmode", "name=value"},
                {"datasource:", "JNDI-NAME"},
                {"datasource:jdbc/app?user=x", "only ?schema"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostgresLocation.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostgresLocation.parse("postgresql://u:secret@db/app?schema=X"));
        assertTrue(!e.getMessage().contains("secret"), "the password is not repeated: " + e.getMessage());
    }

    @Test
    void aBadUrlIsAConfigurationErrorOfTheKeyAndAJndiNameThatNamesNothingToo() {
        for (String value : new String[] {"postgresql://db:5432", "datasource:jdbc/none"}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> Transport.fromConfig(MercureConfig.of(Map.of("mercure.hub.transport", value))));
            assertEquals("mercure.hub.transport", e.key(), e.getMessage());
        }
        Transport.check(MercureConfig.of(Map.of("mercure.hub.transport", "postgres://db/app")));
    }
}
