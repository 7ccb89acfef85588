package dev.keyhold.keys;

import dev.keyhold.system.InvalidConfigurationException;

/**
 * Thrown at startup when the key backend's configuration or its key store (the KEK keystore, its password, the
 * sealed keys it must open) is unusable; the message says what to fix, and the application must not start.
 */
public class KeyStoreConfigurationException extends InvalidConfigurationException {

    public KeyStoreConfigurationException(String message) {
        super(message);
    }

    public KeyStoreConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
