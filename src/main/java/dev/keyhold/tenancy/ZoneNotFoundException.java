package dev.keyhold.tenancy;

/** Thrown when no zone has the given id. */
public class ZoneNotFoundException extends RuntimeException {

    public ZoneNotFoundException(String id) {
        super("no zone " + id);
    }
}
