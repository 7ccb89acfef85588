package dev.keyhold.api;

/** The body of a create-zone request: {@code {"name": ..., "account": {"id": ...}}}. */
record ZoneBody(String name, AccountRef account, String type) {

    /** The account to create the zone in. */
    record AccountRef(String id) {}
}
