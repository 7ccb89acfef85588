package dev.keyhold.auth;

/** Thrown at startup when a {@code keyhold.bootstrap.*} setting is unusable; the message says how to fix it. */
public class InvalidBootstrapSettingsException extends RuntimeException {

    public InvalidBootstrapSettingsException(String message) {
        super(message);
    }
}
