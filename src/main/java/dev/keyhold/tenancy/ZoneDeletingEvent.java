package dev.keyhold.tenancy;

/**
 * Published inside the transaction that deletes a zone, before the zone row goes, so features that own zone-scoped
 * records (and their keys) remove them in the same transaction.
 */
public record ZoneDeletingEvent(Zone zone) {}
