package dev.vouch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of docs/architecture.md, enforced. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vouch");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.vouch.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void theImageModelKnowsNoSourceOrReport() {
        noClasses()
                .that()
                .resideInAPackage("dev.vouch.image..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vouch.source..", "dev.vouch.fs..", "dev.vouch.inspect..")
                .check(CORE);
    }

    @Test
    void theRegistryClientKnowsNoSourceOrReport() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.vouch.registry..", "dev.vouch.cache..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vouch.source..", "dev.vouch.fs..", "dev.vouch.inspect..", "dev.vouch.layer..")
                .check(CORE);
    }

    @Test
    void theDockerfileParserStandsAlone() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.vouch.dockerfile..", "dev.vouch.shell..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.vouch.source..",
                        "dev.vouch.registry..",
                        "dev.vouch.fs..",
                        "dev.vouch.layer..",
                        "dev.vouch.cache..")
                .check(CORE);
    }

    @Test
    void coreKnowsNoCommandLineAndNoServer() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("picocli..", "dev.vouch.cli..", "dev.vouch.server..")
                .check(CORE);
    }

    @Test
    void onlySourcesAndTheCheckPipelineKnowWhereImagesComeFrom() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.vouch.source..", "dev.vouch.api")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.vouch.source..")
                .check(CORE);
    }

    @Test
    void onlyTheBlobCacheWritesFiles() {
        noClasses()
                .that()
                .resideInAPackage("dev.vouch..")
                .and()
                .resideOutsideOfPackage("dev.vouch.cache..")
                // the one other writer: an engine's image export, spooled to a private temporary file and removed
                .and()
                .resideOutsideOfPackage("dev.vouch.engine..")
                .should()
                .callMethod(
                        java.nio.file.Files.class,
                        "newOutputStream",
                        java.nio.file.Path.class,
                        java.nio.file.OpenOption[].class)
                .orShould()
                .callConstructor(java.io.FileOutputStream.class, java.io.File.class)
                .orShould()
                .callConstructor(java.io.FileOutputStream.class, String.class)
                .check(CORE);
    }
}
