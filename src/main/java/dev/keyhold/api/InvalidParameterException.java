package dev.keyhold.api;

/** Thrown when a query parameter is malformed or out of range. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String value, String rule) {
        super("Invalid value for parameter " + parameter + ": " + rule
                + (value == null ? "" : " (got '" + abbreviate(value) + "')"));
        this.parameter = parameter;
    }

    public String parameter() {
        return this.parameter;
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
