package dev.keyhold.tenancy;

/** Thrown when a zone of that name already exists. */
public class DuplicateZoneException extends RuntimeException {

    private final String name;

    public DuplicateZoneException(String name) {
        super("a zone named " + name + " already exists");
        this.name = name;
    }

    public String name() {
        return this.name;
    }
}
