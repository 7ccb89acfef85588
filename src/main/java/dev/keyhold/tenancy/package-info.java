/**
 * Tenancy: accounts, their entitlements (Keyhold's stand-in for Cloudflare's plan gating) and zones. Depends on nothing
 * else in Keyhold; features that own zone-scoped records listen for {@link dev.keyhold.tenancy.ZoneDeletingEvent}.
 */
package dev.keyhold.tenancy;
