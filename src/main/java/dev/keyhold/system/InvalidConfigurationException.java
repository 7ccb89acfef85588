package dev.keyhold.system;

/**
 * Thrown at startup when configuration is unusable. The message says what is wrong and how to fix it, naming the
 * environment variable or property; {@link ConfigurationFailureAnalyzer} prints it instead of a stack trace.
 */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String fix) {
        super(fix);
    }

    public InvalidConfigurationException(String fix, Throwable cause) {
        super(fix, cause);
    }
}
