package dev.keyhold;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of the house style (STYLE.md, "The shape of the house"), checked on the compiled classes. */
class ArchitectureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.keyhold");
    }

    @Test
    void featuresNeverDependOnTheApiOrTheDashboard() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..keyhold.dns..",
                        "..keyhold.keys..",
                        "..keyhold.csr..",
                        "..keyhold.certificates..",
                        "..keyhold.hostnames..",
                        "..keyhold.tenancy..",
                        "..keyhold.auth..",
                        "..keyhold.audit..",
                        "..keyhold.expiry..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..keyhold.api..", "..keyhold.web..")
                .check(classes);
    }

    @Test
    void apiAndDashboardNeverTouchRepositoriesKeyBackendsOrPrivateKeys() {
        noClasses()
                .that()
                .resideInAnyPackage("..keyhold.api..", "..keyhold.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..keys.local..", "..keys.pkcs11..", "org.springframework.jdbc..")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(java.security.PrivateKey.class)
                .check(classes);
    }

    @Test
    void onlyTheKeysConfigurationNamesAKeyBackend() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..keys.local..", "..keys.pkcs11..")
                .and()
                .doNotHaveFullyQualifiedName("dev.keyhold.keys.KeysConfiguration")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..keys.local..", "..keys.pkcs11..")
                .check(classes);
    }

    @Test
    void bouncyCastleStaysInsideKeysCsrAndCertificates() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "..keyhold.keys..", "..keyhold.csr..", "..keyhold.certificates..", "..keyhold.system..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.bouncycastle..")
                .check(classes);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("dev.keyhold.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void thereAreNoGrabBagPackages() {
        noClasses()
                .should()
                .resideInAnyPackage(
                        "..util..", "..utils..", "..common..", "..helper..", "..helpers..", "..impl..", "..manager..")
                .check(classes);
    }
}
