package dev.keyhold.api;

/** The result of a delete: {@code {"id": ...}} of what was deleted. */
record IdResult(String id) {
}
