package dev.keyhold.hostnames;

/**
 * Thrown when the hostname is already a custom hostname, in this zone or any other: like Cloudflare, Keyhold holds a
 * hostname once. The message never says which zone holds it.
 */
public class DuplicateHostnameException extends RuntimeException {

    private final String hostname;

    public DuplicateHostnameException(String hostname) {
        super("duplicate custom hostname " + hostname);
        this.hostname = hostname;
    }

    public String hostname() {
        return this.hostname;
    }
}
