package dev.keyhold.api;

/** Thrown when a path identifier (account or zone id) does not have the form of one. */
class MalformedIdentifierException extends RuntimeException {

    MalformedIdentifierException(String what) {
        super("malformed " + what);
    }
}
