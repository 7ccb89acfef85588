package dev.keyhold.auth;

import dev.keyhold.audit.Action;
import dev.keyhold.audit.AuditLog;
import dev.keyhold.audit.Resource;
import dev.keyhold.auth.TokenRequestValidator.TokenSpec;
import dev.keyhold.tenancy.AccountId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The API token facade: create, list, read, update, delete and verify the tokens of an account. Callers check that the
 * principal may manage the account's tokens; this class validates requests and never stores or returns a token's
 * secret value except once, in {@link CreatedToken}. Tokens come back with the status of the moment they are read.
 */
@Service
public class Tokens {

    private final TokenRepository repository;

    private final TokenRequestValidator validator;

    private final Clock clock;

    private final AuditLog audit;

    Tokens(TokenRepository repository, TokenRequestValidator validator, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.repository = repository;
        this.validator = validator;
        this.clock = clock;
    }

    /** Every permission group a policy may name. */
    public List<PermissionGroup> permissionGroups() {
        return PermissionGroups.all();
    }

    /**
     * Creates a token of the account; the result carries the secret value, which is never shown again. The grantor may
     * only allow what it holds itself ({@link TokenGrantDeniedException} otherwise).
     */
    @Transactional
    public CreatedToken create(AccountId account, TokenRequest request, Principal grantor) {
        TokenSpec spec = this.validator.validate(request, account);
        TokenGrants.requireHeldBy(grantor, account, spec.policies());
        Instant now = this.clock.instant();
        Token token = new Token(
                TokenId.random(),
                account,
                spec.name(),
                spec.status().orElse(TokenStatus.ACTIVE),
                spec.policies(),
                spec.notBefore(),
                spec.expiresOn(),
                now,
                now);
        String value = Secrets.newTokenValue();
        this.repository.insert(token, Secrets.sha256Hex(value));
        this.audit.changed(account.value(), Action.CREATE, resource(token.id()), "name " + token.name());
        return new CreatedToken(token.reportedAt(now), value);
    }

    /** A page of the account's tokens, oldest first. */
    public List<Token> list(AccountId account, long offset, int limit) {
        Instant now = this.clock.instant();
        return this.repository.list(account, offset, limit).stream()
                .map(t -> t.reportedAt(now))
                .toList();
    }

    public long count(AccountId account) {
        return this.repository.count(account);
    }

    public Optional<Token> find(AccountId account, TokenId id) {
        Instant now = this.clock.instant();
        return this.repository.find(account, id).map(t -> t.reportedAt(now));
    }

    public Token require(AccountId account, TokenId id) {
        return find(account, id).orElseThrow(() -> new TokenNotFoundException(id.value()));
    }

    /**
     * Replaces the token's name, policies and validity window (absent {@code not_before}/{@code expires_on} clear
     * them); the status changes only when the request carries one. The secret value stays the same.
     */
    @Transactional
    public Token update(AccountId account, TokenId id, TokenRequest request, Principal grantor) {
        Token current = this.repository.find(account, id).orElseThrow(() -> new TokenNotFoundException(id.value()));
        TokenSpec spec = this.validator.validate(request, account);
        TokenGrants.requireHeldBy(grantor, account, spec.policies());
        Instant now = this.clock.instant();
        Token updated = new Token(
                id,
                account,
                spec.name(),
                spec.status().orElse(current.status()),
                spec.policies(),
                spec.notBefore(),
                spec.expiresOn(),
                current.issuedOn(),
                now);
        this.repository.update(updated);
        this.audit.changed(
                account.value(),
                Action.UPDATE,
                resource(id),
                "name " + updated.name() + ", status " + updated.status().wire());
        return updated.reportedAt(now);
    }

    /** Deletes the token; it stops authenticating at once. */
    @Transactional
    public void delete(AccountId account, TokenId id) {
        if (!this.repository.delete(account, id)) {
            throw new TokenNotFoundException(id.value());
        }
        this.audit.changed(account.value(), Action.DELETE, resource(id), null);
    }

    private static Resource resource(TokenId id) {
        return new Resource(Resource.API_TOKEN, id.value());
    }

    /**
     * The token a principal authenticated with ({@link Principal#tokenId()}), checked again now: it may have been
     * disabled, deleted or have expired since the request was authenticated.
     *
     * @throws AuthenticationFailedException when it no longer exists or is not active now
     */
    public Token verify(TokenId id) {
        Instant now = this.clock.instant();
        Token token = this.repository
                .find(id)
                .orElseThrow(
                        () -> new AuthenticationFailedException(AuthenticationFailedException.Reason.UNKNOWN_TOKEN));
        if (!token.authenticatesAt(now)) {
            throw new AuthenticationFailedException(AuthenticationFailedException.Reason.INACTIVE_TOKEN);
        }
        return token.reportedAt(now);
    }

    /**
     * Finds the token with that secret value, as stored; used by {@link Authenticator}. NOTE: the lookup is by the
     * SHA-256 of the presented value, never by the value itself, so however the database compares, its timing can only
     * tell a caller how much of a hash of their own guess matched a stored hash, which leads nowhere near a token.
     */
    Optional<Token> findByValue(String value) {
        return this.repository.findBySecretHash(Secrets.sha256Hex(value));
    }
}
