package dev.keyhold.auth;

import dev.keyhold.tenancy.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An API token of an account as {@link Tokens} reports it, without its secret value (only its hash is stored).
 *
 * @param status the status at the time the token was read: {@code expired} once {@code expiresOn} has passed
 */
public record Token(
        TokenId id,
        AccountId accountId,
        String name,
        TokenStatus status,
        List<TokenPolicy> policies,
        Optional<Instant> notBefore,
        Optional<Instant> expiresOn,
        Instant issuedOn,
        Instant modifiedOn) {

    public Token {
        policies = List.copyOf(policies);
    }

    /** This token with the status reported at {@code now}: expired once {@code expires_on} has passed. */
    Token reportedAt(Instant now) {
        boolean expired = this.expiresOn.map(e -> !now.isBefore(e)).orElse(false);
        return expired
                ? new Token(
                        this.id,
                        this.accountId,
                        this.name,
                        TokenStatus.EXPIRED,
                        this.policies,
                        this.notBefore,
                        this.expiresOn,
                        this.issuedOn,
                        this.modifiedOn)
                : this;
    }

    /** Whether the token may authenticate at {@code now}: active, not expired and past {@code not_before}. */
    boolean authenticatesAt(Instant now) {
        return reportedAt(now).status() == TokenStatus.ACTIVE
                && this.notBefore.map(nb -> !now.isBefore(nb)).orElse(true);
    }

    /** What the token's policies grant. */
    public TokenPermissions permissions() {
        return new TokenPermissions(this.accountId, this.policies);
    }
}
