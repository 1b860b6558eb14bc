package io.github.mercurejakarta.portable.helidon;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * The {@code helidon} container of {@code arquillian.xml}: where Helidon's jars are (the {@code portability-it/helidon}
 * module copies them), which {@code java} runs them (Helidon 4 needs Java 21 or later; blank: this JVM when it is
 * recent enough, else the newest JDK beside it), the HTTP port.
 */
public class HelidonConfiguration implements ContainerConfiguration {

    private String helidonLib;
    private String java = "";
    private int httpPort;
    private int startupTimeoutInSeconds = 120;
    private String javaVmArguments = "-Xmx256m";

    @Override
    public void validate() throws ConfigurationException {
        if (helidonLib == null || helidonLib.isBlank()) {
            throw new ConfigurationException("helidonLib (the directory of Helidon's jars) is not set");
        }
        if (httpPort <= 0) {
            throw new ConfigurationException("httpPort is not set");
        }
    }

    public String getHelidonLib() {
        return helidonLib;
    }

    public void setHelidonLib(String helidonLib) {
        this.helidonLib = helidonLib;
    }

    public String getJava() {
        return java;
    }

    public void setJava(String java) {
        this.java = java;
    }

    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public int getStartupTimeoutInSeconds() {
        return startupTimeoutInSeconds;
    }

    public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
        this.startupTimeoutInSeconds = startupTimeoutInSeconds;
    }

    public String getJavaVmArguments() {
        return javaVmArguments;
    }

    public void setJavaVmArguments(String javaVmArguments) {
        this.javaVmArguments = javaVmArguments;
    }
}
