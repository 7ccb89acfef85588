package dev.keyhold.auth;

/**
 * What a route needs. Permission groups grant permissions; a Write group also grants the matching Read permission.
 * Zone permissions are checked against a zone (and its account), account permissions against an account.
 */
public enum Permission {

    /** Read zone-level SSL: custom CSRs, certificates, hostnames of a zone. */
    ZONE_SSL_READ(Scope.ZONE),

    /** Change zone-level SSL. */
    ZONE_SSL_WRITE(Scope.ZONE),

    /** Read account-level custom CSRs. */
    ACCOUNT_SSL_READ(Scope.ACCOUNT),

    /** Change account-level custom CSRs. */
    ACCOUNT_SSL_WRITE(Scope.ACCOUNT),

    /** Read zones. */
    ZONE_READ(Scope.ZONE),

    /** Create and delete zones. */
    ZONE_WRITE(Scope.ZONE),

    /** Read the account itself. */
    ACCOUNT_SETTINGS_READ(Scope.ACCOUNT),

    /** Change the account's name. */
    ACCOUNT_SETTINGS_WRITE(Scope.ACCOUNT),

    /** Read the account's API tokens. */
    ACCOUNT_TOKENS_READ(Scope.ACCOUNT),

    /** Create and delete the account's API tokens. */
    ACCOUNT_TOKENS_WRITE(Scope.ACCOUNT);

    private final Scope scope;

    Permission(Scope scope) {
        this.scope = scope;
    }

    public Scope scope() {
        return this.scope;
    }

    /** Where a permission applies: Cloudflare's {@code com.cloudflare.api.account} or {@code ...account.zone}. */
    public enum Scope {
        ACCOUNT("com.cloudflare.api.account"),
        ZONE("com.cloudflare.api.account.zone");

        private final String key;

        Scope(String key) {
            this.key = key;
        }

        public String key() {
            return this.key;
        }
    }
}
