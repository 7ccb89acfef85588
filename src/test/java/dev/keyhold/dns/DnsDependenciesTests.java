package dev.keyhold.dns;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DnsDependenciesTests {

    @Test
    void dependsOnlyOnTheJdkAndGuavasPublicSuffixList() {
        JavaClasses dns = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.keyhold.dns");
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.keyhold.dns", "java..", "com.google.common.net")
                .check(dns);
    }
}
