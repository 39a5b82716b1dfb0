package dev.vouch.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The server judges images through core's check pipeline, never through the command line. */
class ServerArchitectureTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vouch.server");

    @Test
    void theServerKnowsNoCommandLine() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.vouch.cli..", "picocli..")
                .check(SERVER);
    }

    @Test
    void theServerChecksImagesWithCoresPipeline() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that()
                .haveSimpleName("PipelineChecker")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.vouch.api.Vouch")
                .check(SERVER);
    }
}
