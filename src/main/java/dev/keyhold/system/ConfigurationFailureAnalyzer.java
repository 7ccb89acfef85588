package dev.keyhold.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link InvalidConfigurationException} into a short startup failure report that leads with the fix. */
class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis(
                "Keyhold cannot start: " + cause.getMessage(),
                "Fix the configuration as described above and start Keyhold again.",
                cause);
    }
}
