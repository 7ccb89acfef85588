package dev.keyhold.hostnames;

/** Thrown when the zone has no custom hostname with the id. */
public class HostnameNotFoundException extends RuntimeException {

    public HostnameNotFoundException(HostnameId id) {
        super("no custom hostname " + id);
    }
}
