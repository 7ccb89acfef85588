package dev.keyhold.api;

/** The {@code {"id": ...}} result of a delete. */
record IdResult(String id) {}
