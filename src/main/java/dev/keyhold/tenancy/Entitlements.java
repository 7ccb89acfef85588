package dev.keyhold.tenancy;

/**
 * What an account may use, set by the operator: Keyhold's stand-in for Cloudflare's plan gating. Zone-level CSRs need
 * {@code customCsrs}; account-level CSRs need {@code accountCustomCsrs}.
 */
public record Entitlements(boolean customCsrs, boolean accountCustomCsrs) {

    /** Everything Keyhold offers. */
    public static Entitlements all() {
        return new Entitlements(true, true);
    }
}
