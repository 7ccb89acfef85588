package dev.keyhold.api;

import dev.keyhold.auth.Permission;
import dev.keyhold.auth.Principal;
import dev.keyhold.auth.Token;
import dev.keyhold.auth.TokenId;
import dev.keyhold.auth.Tokens;
import dev.keyhold.tenancy.AccountId;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account-owned API tokens, as Cloudflare's {@code /accounts/{account_id}/tokens}: reading needs Account API Tokens
 * Read on the account, changing needs Account API Tokens Write. The secret value appears only in the create response.
 */
@RestController
@RequestMapping("/client/v4")
class TokensController {

    static final int DEFAULT_PER_PAGE = 20;

    static final ApiError VALID = new ApiError(10000, "This API Token is valid and active");

    private final Tokens tokens;

    private final Scopes scopes;

    TokensController(Tokens tokens, Scopes scopes) {
        this.tokens = tokens;
        this.scopes = scopes;
    }

    @PostMapping("/accounts/{account_id}/tokens")
    Envelope<TokenResult> create(
            @PathVariable("account_id") String accountId, @RequestBody TokenBody body, Principal principal) {
        AccountId account = this.scopes
                .account(principal, accountId, Permission.ACCOUNT_TOKENS_WRITE)
                .id();
        return Envelope.ok(TokenResult.of(this.tokens.create(account, body.toRequest(), principal)));
    }

    @GetMapping("/accounts/{account_id}/tokens")
    Envelope<List<TokenResult>> list(
            @PathVariable("account_id") String accountId,
            @RequestParam(name = "page", required = false) String page,
            @RequestParam(name = "per_page", required = false) String perPage,
            Principal principal) {
        AccountId account = this.scopes
                .account(principal, accountId, Permission.ACCOUNT_TOKENS_READ)
                .id();
        PageRequest request = PageRequest.of(page, perPage, DEFAULT_PER_PAGE);
        List<TokenResult> result = this.tokens.list(account, request.offset(), request.perPage()).stream()
                .map(TokenResult::of)
                .toList();
        return Envelope.page(result, ResultInfo.of(request, result.size(), this.tokens.count(account)));
    }

    @GetMapping("/accounts/{account_id}/tokens/permission_groups")
    Envelope<List<PermissionGroupResult>> permissionGroups(
            @PathVariable("account_id") String accountId, Principal principal) {
        this.scopes.visibleAccount(principal, accountId);
        return Envelope.ok(this.tokens.permissionGroups().stream()
                .map(PermissionGroupResult::of)
                .toList());
    }

    @GetMapping("/accounts/{account_id}/tokens/verify")
    Envelope<TokenVerification> verifyAccountToken(@PathVariable("account_id") String accountId, Principal principal) {
        AccountId account = Scopes.accountId(accountId);
        Token token = verify(principal);
        if (!token.accountId().equals(account)) {
            throw new AccessDeniedException("token " + token.id() + " is not a token of account " + account);
        }
        return Envelope.ok(TokenVerification.of(token), List.of(VALID));
    }

    @GetMapping("/user/tokens/verify")
    Envelope<TokenVerification> verifyUserToken(Principal principal) {
        return Envelope.ok(TokenVerification.of(verify(principal)), List.of(VALID));
    }

    @GetMapping("/accounts/{account_id}/tokens/{token_id}")
    Envelope<TokenResult> get(
            @PathVariable("account_id") String accountId,
            @PathVariable("token_id") String tokenId,
            Principal principal) {
        AccountId account = this.scopes
                .account(principal, accountId, Permission.ACCOUNT_TOKENS_READ)
                .id();
        return Envelope.ok(TokenResult.of(this.tokens.require(account, tokenId(tokenId))));
    }

    @PutMapping("/accounts/{account_id}/tokens/{token_id}")
    Envelope<TokenResult> update(
            @PathVariable("account_id") String accountId,
            @PathVariable("token_id") String tokenId,
            @RequestBody TokenBody body,
            Principal principal) {
        AccountId account = this.scopes
                .account(principal, accountId, Permission.ACCOUNT_TOKENS_WRITE)
                .id();
        return Envelope.ok(TokenResult.of(this.tokens.update(account, tokenId(tokenId), body.toRequest(), principal)));
    }

    @DeleteMapping("/accounts/{account_id}/tokens/{token_id}")
    Envelope<IdResult> delete(
            @PathVariable("account_id") String accountId,
            @PathVariable("token_id") String tokenId,
            Principal principal) {
        AccountId account = this.scopes
                .account(principal, accountId, Permission.ACCOUNT_TOKENS_WRITE)
                .id();
        TokenId id = tokenId(tokenId);
        this.tokens.delete(account, id);
        return Envelope.ok(new IdResult(id.value()));
    }

    private Token verify(Principal principal) {
        TokenId id = principal
                .tokenId()
                .orElseThrow(
                        () -> CredentialsException.malformed(
                                6111,
                                "Invalid format for Authorization header: token "
                                        + "verification needs an API token (Authorization: Bearer <token>), not X-Auth-Email and X-Auth-Key"));
        return this.tokens.verify(id);
    }

    private static TokenId tokenId(String tokenId) {
        if (!TokenId.isWellFormed(tokenId)) {
            throw new MalformedIdentifierException("token id");
        }
        return new TokenId(tokenId);
    }
}
