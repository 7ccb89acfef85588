package dev.keyhold.certificates;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the trust store from {@code keyhold.trust.store} ({@code KEYHOLD_TRUST_STORE}) and
 * {@code keyhold.trust.extra-anchors} ({@code KEYHOLD_EXTRA_TRUST_ANCHORS}), both optional, and the upload checks.
 */
@Configuration(proxyBeanMethods = false)
class CertificatesConfiguration {

    // NOTE: the nested default lets KEYHOLD_EXTRA_TRUST_ANCHORS work although relaxed binding of the property
    // would expect KEYHOLD_TRUST_EXTRA_ANCHORS
    @Bean
    TrustStore trustStore(
            @Value("${keyhold.trust.store:${KEYHOLD_TRUST_STORE:}}") String store,
            @Value("${keyhold.trust.extra-anchors:${KEYHOLD_EXTRA_TRUST_ANCHORS:}}") String extraAnchors) {
        return TrustStore.fromSettings(store, extraAnchors);
    }

    @Bean
    ChainBuilder chainBuilder(TrustStore trustStore, Clock clock) {
        return new ChainBuilder(trustStore, clock);
    }

    @Bean
    UploadValidator uploadValidator(ChainBuilder chainBuilder, Clock clock) {
        return new UploadValidator(chainBuilder, clock);
    }
}
