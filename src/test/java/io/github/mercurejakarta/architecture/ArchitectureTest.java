package io.github.mercurejakarta.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The library's packages in one-way layers, as docs/architecture.md draws them (bottom first): the API
 * ({@code io.github.mercurejakarta}, {@code exceptions}) ← {@code config} ← {@code match} ←
 * {@code protocol} ← {@code auth} ← {@code hub}
 * (which calls the {@code tracing} seam, itself on the API alone) (core ← {@code hub.transport} SPI ← its transports) ←
 * {@code http} ← {@code jaxrs}; {@code client} and {@code subscriber} beside the hub, over the protocol;
 * {@code health}, {@code cdi} and {@code testing} on top. Checked on the compiled classes, so a fully
 * qualified name cannot hide a dependency.
 */
class ArchitectureTest {

    private static final String BASE = "io.github.mercurejakarta";
    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void packagesFormOneWayLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("API").definedBy(BASE, BASE + ".exceptions")
                .layer("config").definedBy(BASE + ".config..")
                .layer("match").definedBy(BASE + ".match..")
                .layer("protocol").definedBy(BASE + ".protocol..")
                .layer("auth").definedBy(BASE + ".auth..")
                .layer("tracing").definedBy(BASE + ".tracing..")
                .layer("hub").definedBy(BASE + ".hub..")
                .layer("http").definedBy(BASE + ".http..")
                .layer("jaxrs").definedBy(BASE + ".jaxrs..")
                .layer("client").definedBy(BASE + ".client..")
                .layer("subscriber").definedBy(BASE + ".subscriber..")
                .layer("health").definedBy(BASE + ".health..")
                .layer("cdi").definedBy(BASE + ".cdi..")
                .layer("testing").definedBy(BASE + ".testing..")
                .whereLayer("API").mayNotAccessAnyLayer()
                .whereLayer("config").mayOnlyAccessLayers("API")
                .whereLayer("match").mayOnlyAccessLayers("API", "config")
                .whereLayer("protocol").mayOnlyAccessLayers("API", "config", "match")
                .whereLayer("auth").mayOnlyAccessLayers("API", "config", "match", "protocol")
                .whereLayer("tracing").mayOnlyAccessLayers("API")
                .whereLayer("hub").mayOnlyAccessLayers("API", "config", "match", "protocol", "auth", "tracing")
                .whereLayer("http").mayOnlyAccessLayers("API", "config", "match", "protocol", "auth", "hub", "tracing")
                .whereLayer("jaxrs").mayOnlyAccessLayers("API", "config", "match", "protocol", "auth", "hub", "http", "subscriber", "tracing")
                .whereLayer("client").mayOnlyAccessLayers("API", "config", "match", "protocol", "auth", "tracing")
                .whereLayer("subscriber").mayOnlyAccessLayers("API", "config", "match", "protocol", "auth", "client")
                .whereLayer("health").mayOnlyAccessLayers("API", "config", "auth", "hub", "jaxrs")
                .whereLayer("testing").mayOnlyAccessLayers("API", "config", "match", "protocol", "auth", "subscriber", "cdi")
                .whereLayer("cdi").mayOnlyBeAccessedByLayers("testing")
                .check(library);
    }

    @Test
    void theApiNamesNothingInternal() {
        classes().that().resideInAnyPackage(BASE, BASE + ".exceptions")
                .should().onlyDependOnClassesThat().resideInAnyPackage(BASE, BASE + ".exceptions", "java..", "jakarta..")
                .because("an application compiles against the API alone: what it names must not move under it")
                .check(library);
    }

    @Test
    void theHubCoreDependsOnTheTransportSpiNotTheOtherWayRound() {
        noClasses().that().resideInAPackage(BASE + ".hub.transport..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".hub")
                .check(library);
        noClasses().that().resideOutsideOfPackage(BASE + ".hub.transport.redis")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".hub.transport.redis", "io.lettuce..")
                .because("Redis is one transport among others, chosen by Transport.fromConfig; Lettuce is optional")
                .check(library);
        noClasses().that().resideOutsideOfPackage(BASE + ".hub.transport.file")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".hub.transport.file", "org.sqlite..")
                .because("the file transport is chosen by Transport.fromConfig; the SQLite driver is optional")
                .check(library);
        noClasses().that().resideOutsideOfPackage(BASE + ".hub.transport.postgresql")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".hub.transport.postgresql", "org.postgresql..")
                .because("the PostgreSQL transport is chosen by Transport.fromConfig; pgjdbc is optional")
                .check(library);
        noClasses().that().resideInAPackage(BASE + ".hub.transport.file")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".hub.transport.redis")
                .because("transports stand side by side")
                .check(library);
        noClasses().that().resideInAnyPackage(BASE + ".hub.transport.file", BASE + ".hub.transport.redis")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".hub.transport.postgresql")
                .because("transports stand side by side")
                .check(library);
        noClasses().that().resideInAPackage(BASE + ".hub.transport.postgresql")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".hub.transport.redis", BASE + ".hub.transport.file")
                .because("transports stand side by side: what they share is in hub.transport")
                .check(library);
    }

    @Test
    void onlyTheOpenTelemetryTracingNamesOpenTelemetry() {
        noClasses().that().resideOutsideOfPackage(BASE + ".tracing.opentelemetry")
                .and().doNotHaveFullyQualifiedName(BASE + ".cdi.ApplicationTracing")
                .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..")
                .because("the OpenTelemetry API is optional (MicroProfile Telemetry): the hub and the HTTP layer call"
                        + " the tracing seam, whose OFF default links none of it")
                .check(library);
        noClasses().that().resideInAPackage(BASE + ".tracing")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".tracing.opentelemetry")
                .check(library);
    }

    @Test
    void theHubCoreKnowsNoHttp() {
        noClasses().that().resideInAPackage(BASE + ".hub..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..",
                        "jakarta.enterprise..", "jakarta.inject..")
                .check(library);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(library);
    }
}
