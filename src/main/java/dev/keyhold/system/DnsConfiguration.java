package dev.keyhold.system;

import dev.keyhold.dns.DnsNameRules;
import dev.keyhold.dns.NamePolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the naming rules from {@code keyhold.names.policy} ({@code KEYHOLD_NAMES_POLICY}). */
@Configuration(proxyBeanMethods = false)
class DnsConfiguration {

    @Bean
    DnsNameRules dnsNameRules(@Value("${keyhold.names.policy:cloudflare}") String policy) {
        try {
            return new DnsNameRules(NamePolicy.fromSetting(policy));
        } catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationException(
                    "KEYHOLD_NAMES_POLICY=" + policy + " is not a naming policy: " + ex.getMessage(), ex);
        }
    }
}
