package dev.keyhold.expiry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Reads {@code keyhold.expiry.*} once, at startup, so bad settings stop Keyhold with the fix. */
@Configuration(proxyBeanMethods = false)
class ExpiryConfiguration {

    @Bean
    ExpirySettings expirySettings(Environment environment) {
        return ExpirySettings.from(environment);
    }
}
