package dev.keyhold.hostnames;

/** Thrown when an edit would rename a custom hostname: the name is fixed at creation, as at Cloudflare. */
public class HostnameChangeException extends RuntimeException {

    public HostnameChangeException(HostnameId id) {
        super("custom hostname " + id + " cannot be renamed");
    }
}
