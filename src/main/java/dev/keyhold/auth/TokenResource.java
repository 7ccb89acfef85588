package dev.keyhold.auth;

import dev.keyhold.auth.Permission.Scope;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.util.Map;

/**
 * One entry of a token policy's {@code resources}, in Cloudflare's key form. Only these four forms exist:
 * {@code com.cloudflare.api.account.<account_id>: "*"} (the account itself),
 * {@code com.cloudflare.api.account.zone.<zone_id>: "*"} (one zone),
 * {@code com.cloudflare.api.account.zone.*: "*"} (every zone of the token's account) and
 * {@code com.cloudflare.api.account.<account_id>: {"com.cloudflare.api.account.zone.*": "*"}} (every zone of an account).
 */
public sealed interface TokenResource {

    String ACCOUNT_PREFIX = Scope.ACCOUNT.key() + ".";

    String ZONE_PREFIX = Scope.ZONE.key() + ".";

    String ALL_ZONES_KEY = ZONE_PREFIX + "*";

    String ANY = "*";

    /** Which permission groups the resource takes: account-scope groups apply to accounts, zone-scope to zones. */
    Scope scope();

    /** The resource key as Cloudflare writes it. */
    String key();

    /** The value under {@link #key()}: {@code "*"}, or the nested all-zones object. */
    Object value();

    /** The account itself: {@code com.cloudflare.api.account.<account_id>: "*"}. */
    record Account(AccountId id) implements TokenResource {

        @Override
        public Scope scope() {
            return Scope.ACCOUNT;
        }

        @Override
        public String key() {
            return ACCOUNT_PREFIX + this.id.value();
        }

        @Override
        public Object value() {
            return ANY;
        }
    }

    /** One zone: {@code com.cloudflare.api.account.zone.<zone_id>: "*"}. */
    record Zone(ZoneId id) implements TokenResource {

        @Override
        public Scope scope() {
            return Scope.ZONE;
        }

        @Override
        public String key() {
            return ZONE_PREFIX + this.id.value();
        }

        @Override
        public Object value() {
            return ANY;
        }
    }

    /** Every zone of the token's own account: {@code com.cloudflare.api.account.zone.*: "*"}. */
    record AllZones() implements TokenResource {

        @Override
        public Scope scope() {
            return Scope.ZONE;
        }

        @Override
        public String key() {
            return ALL_ZONES_KEY;
        }

        @Override
        public Object value() {
            return ANY;
        }
    }

    /** Every zone of one account, in the nested form. */
    record AllZonesOf(AccountId account) implements TokenResource {

        @Override
        public Scope scope() {
            return Scope.ZONE;
        }

        @Override
        public String key() {
            return ACCOUNT_PREFIX + this.account.value();
        }

        @Override
        public Object value() {
            return Map.of(ALL_ZONES_KEY, ANY);
        }
    }

    /**
     * Parses one {@code resources} entry. The value is {@code "*"} or, for an account key, the nested all-zones object.
     *
     * @throws InvalidTokenRequestException naming the entry and the accepted forms when it is none of them
     */
    static TokenResource parse(String key, Object value) {
        if (key.equals(ALL_ZONES_KEY)) {
            requireAny(key, value);
            return new AllZones();
        }
        if (key.startsWith(ZONE_PREFIX)) {
            String id = key.substring(ZONE_PREFIX.length());
            if (!ZoneId.isWellFormed(id)) {
                throw invalid(key, "the zone id after '" + ZONE_PREFIX + "' must be 32 lowercase hex characters");
            }
            requireAny(key, value);
            return new Zone(new ZoneId(id));
        }
        if (key.startsWith(ACCOUNT_PREFIX)) {
            String id = key.substring(ACCOUNT_PREFIX.length());
            if (!AccountId.isWellFormed(id)) {
                throw invalid(key, "the account id after '" + ACCOUNT_PREFIX + "' must be 32 lowercase hex characters");
            }
            if (value instanceof Map<?, ?> nested) {
                if (nested.size() != 1 || !ANY.equals(nested.get(ALL_ZONES_KEY))) {
                    throw invalid(key, "the only nested form accepted is {\"" + ALL_ZONES_KEY + "\": \"*\"}");
                }
                return new AllZonesOf(new AccountId(id));
            }
            requireAny(key, value);
            return new Account(new AccountId(id));
        }
        throw invalid(
                key,
                "accepted keys are " + ACCOUNT_PREFIX + "<account_id>, " + ZONE_PREFIX + "<zone_id> and "
                        + ALL_ZONES_KEY);
    }

    private static void requireAny(String key, Object value) {
        if (!ANY.equals(value)) {
            throw invalid(key, "its value must be \"*\"");
        }
    }

    private static InvalidTokenRequestException invalid(String key, String fix) {
        String shown = key.length() <= 120 ? key : key.substring(0, 120) + "...";
        return new InvalidTokenRequestException("unsupported resource \"" + shown + "\": " + fix + ".");
    }
}
