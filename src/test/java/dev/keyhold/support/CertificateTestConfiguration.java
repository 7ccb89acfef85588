package dev.keyhold.support;

import dev.keyhold.certificates.TrustStore;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * For API tests of certificate uploads ({@code @Import(CertificateTestConfiguration.class)} beside
 * {@code @KeyholdApiTest}): the application's clock is a {@link MutableClock} starting at {@link TestCa#NOW}, and its
 * trust store holds only the root of {@link #CA}, the test PKI shared by every such test. Inject the clock as
 * {@code MutableClock} to move time; reset it with {@code clock.set(TestCa.NOW)} where a test moved it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CertificateTestConfiguration {

    /** The test PKI the application trusts: its root is the only trust anchor. */
    public static final TestCa CA = TestCa.generate();

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(TestCa.NOW);
    }

    @Bean
    @Primary
    TrustStore testTrustStore() {
        return TrustStore.of(List.of(CA.root().certificate()));
    }
}
