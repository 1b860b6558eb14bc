package io.github.mercurejakarta.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Fails the IT run at once if the Liberty HTTP port is already taken. Otherwise Liberty starts anyway
 * (CWWKO0221E in its log only), Arquillian deploys over JMX, and every test talks to whatever else
 * holds the port: 404s that look like broken deployments. Runs before any test class (JUnit Platform
 * launcher session), only where failsafe set {@code liberty.it.http.port}.
 */
public class PortGuard implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String port = System.getProperty("liberty.it.http.port");
        if (port == null) {
            return; // surefire unit tests: no server
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), Integer.parseInt(port)));
        } catch (IOException e) {
            throw new IllegalStateException("Liberty IT port 127.0.0.1:" + port + " is already in use (" + e.getMessage()
                    + "). Another build's Liberty, or a stale server from a killed run"
                    + " (liberty-it/target/liberty/wlp/bin/server stop " + System.getProperty("liberty.it.server")
                    + ")? Choose another port with -Dliberty.it.http.port=N.", e);
        }
    }
}
