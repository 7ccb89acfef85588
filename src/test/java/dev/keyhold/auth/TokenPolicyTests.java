package dev.keyhold.auth;

import static dev.keyhold.auth.Permission.ACCOUNT_SETTINGS_READ;
import static dev.keyhold.auth.Permission.ACCOUNT_TOKENS_READ;
import static dev.keyhold.auth.Permission.ACCOUNT_TOKENS_WRITE;
import static dev.keyhold.auth.Permission.ZONE_READ;
import static dev.keyhold.auth.Permission.ZONE_SSL_READ;
import static dev.keyhold.auth.Permission.ZONE_SSL_WRITE;
import static dev.keyhold.auth.Permission.ZONE_WRITE;
import static dev.keyhold.auth.PermissionGroups.ACCOUNT_SETTINGS_READ_GROUP;
import static dev.keyhold.auth.PermissionGroups.ACCOUNT_TOKENS_READ_GROUP;
import static dev.keyhold.auth.PermissionGroups.ACCOUNT_TOKENS_WRITE_GROUP;
import static dev.keyhold.auth.PermissionGroups.ZONE_READ_GROUP;
import static dev.keyhold.auth.PermissionGroups.ZONE_SSL_READ_GROUP;
import static dev.keyhold.auth.PermissionGroups.ZONE_SSL_WRITE_GROUP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.auth.TokenPolicy.Effect;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenPolicyTests {

    static final AccountId A = new AccountId("a".repeat(32));

    static final AccountId B = new AccountId("b".repeat(32));

    static final ZoneId Z1 = new ZoneId("1".repeat(32));

    static final ZoneId Z2 = new ZoneId("2".repeat(32));

    static final ZoneId ZB = new ZoneId("3".repeat(32));

    static TokenPolicy allow(PermissionGroup group, TokenResource... resources) {
        return new TokenPolicy("p", Effect.ALLOW, List.of(group), List.of(resources));
    }

    static TokenPolicy deny(PermissionGroup group, TokenResource... resources) {
        return new TokenPolicy("p", Effect.DENY, List.of(group), List.of(resources));
    }

    static TokenResource zone(ZoneId id) {
        return new TokenResource.Zone(id);
    }

    static TokenResource account(AccountId id) {
        return new TokenResource.Account(id);
    }

    static TokenResource allZones() {
        return new TokenResource.AllZones();
    }

    static TokenResource allZonesOf(AccountId id) {
        return new TokenResource.AllZonesOf(id);
    }

    /** description, policies of a token of account A, permission, target account, target zone (null: account), granted. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "allow on a named zone grants it there",
                        List.of(allow(ZONE_SSL_READ_GROUP, zone(Z1))),
                        ZONE_SSL_READ,
                        A,
                        Z1,
                        true),
                Arguments.of(
                        "a group grants only its own permissions",
                        List.of(allow(ZONE_SSL_READ_GROUP, zone(Z1))),
                        ZONE_SSL_WRITE,
                        A,
                        Z1,
                        false),
                Arguments.of(
                        "a named zone does not cover another zone",
                        List.of(allow(ZONE_SSL_READ_GROUP, zone(Z1))),
                        ZONE_SSL_READ,
                        A,
                        Z2,
                        false),
                Arguments.of(
                        "a write group also grants read",
                        List.of(allow(ZONE_SSL_WRITE_GROUP, allZones())),
                        ZONE_SSL_READ,
                        A,
                        Z2,
                        true),
                Arguments.of(
                        "all zones covers every zone of the token's account",
                        List.of(allow(ZONE_SSL_WRITE_GROUP, allZones())),
                        ZONE_SSL_WRITE,
                        A,
                        Z2,
                        true),
                Arguments.of(
                        "deny wins over allow on the same zone",
                        List.of(allow(ZONE_SSL_WRITE_GROUP, allZones()), deny(ZONE_SSL_READ_GROUP, zone(Z1))),
                        ZONE_SSL_READ,
                        A,
                        Z1,
                        false),
                Arguments.of(
                        "a deny takes away only the permissions of its groups",
                        List.of(allow(ZONE_SSL_WRITE_GROUP, allZones()), deny(ZONE_SSL_READ_GROUP, zone(Z1))),
                        ZONE_SSL_WRITE,
                        A,
                        Z1,
                        true),
                Arguments.of(
                        "a deny on one zone leaves the others",
                        List.of(allow(ZONE_SSL_WRITE_GROUP, allZones()), deny(ZONE_SSL_READ_GROUP, zone(Z1))),
                        ZONE_SSL_READ,
                        A,
                        Z2,
                        true),
                Arguments.of(
                        "deny alone grants nothing",
                        List.of(deny(ZONE_SSL_READ_GROUP, allZones())),
                        ZONE_SSL_READ,
                        A,
                        Z1,
                        false),
                Arguments.of(
                        "the nested form covers every zone of its account",
                        List.of(allow(ZONE_READ_GROUP, allZonesOf(A))),
                        ZONE_READ,
                        A,
                        Z1,
                        true),
                Arguments.of(
                        "the nested form grants a zone permission on every zone",
                        List.of(allow(ZONE_READ_GROUP, allZonesOf(A))),
                        ZONE_READ,
                        A,
                        null,
                        true),
                Arguments.of(
                        "a named zone does not grant on every zone",
                        List.of(allow(ZONE_READ_GROUP, zone(Z1))),
                        ZONE_READ,
                        A,
                        null,
                        false),
                Arguments.of(
                        "a deny on one zone takes away every zone",
                        List.of(allow(ZONE_READ_GROUP, allZones()), deny(ZONE_READ_GROUP, zone(Z1))),
                        ZONE_READ,
                        A,
                        null,
                        false),
                Arguments.of(
                        "a zone group on an account resource grants nothing on zones",
                        List.of(allow(ZONE_READ_GROUP, account(A))),
                        ZONE_READ,
                        A,
                        Z1,
                        false),
                Arguments.of(
                        "a zone group on an account resource grants nothing on the account",
                        List.of(allow(ZONE_READ_GROUP, account(A))),
                        ZONE_READ,
                        A,
                        null,
                        false),
                Arguments.of(
                        "an account group on a zone resource grants nothing",
                        List.of(allow(ACCOUNT_SETTINGS_READ_GROUP, allZones())),
                        ACCOUNT_SETTINGS_READ,
                        A,
                        null,
                        false),
                Arguments.of(
                        "an account group on its account grants it",
                        List.of(allow(ACCOUNT_SETTINGS_READ_GROUP, account(A))),
                        ACCOUNT_SETTINGS_READ,
                        A,
                        null,
                        true),
                Arguments.of(
                        "an account permission asked with a zone is checked on the account",
                        List.of(allow(ACCOUNT_TOKENS_READ_GROUP, account(A))),
                        ACCOUNT_TOKENS_READ,
                        A,
                        Z1,
                        true),
                Arguments.of(
                        "deny wins on the account",
                        List.of(
                                allow(ACCOUNT_TOKENS_WRITE_GROUP, account(A)),
                                deny(ACCOUNT_TOKENS_READ_GROUP, account(A))),
                        ACCOUNT_TOKENS_READ,
                        A,
                        null,
                        false),
                Arguments.of(
                        "a deny of read leaves write",
                        List.of(
                                allow(ACCOUNT_TOKENS_WRITE_GROUP, account(A)),
                                deny(ACCOUNT_TOKENS_READ_GROUP, account(A))),
                        ACCOUNT_TOKENS_WRITE,
                        A,
                        null,
                        true),
                Arguments.of(
                        "another account named in a policy is never reached",
                        List.of(allow(ACCOUNT_SETTINGS_READ_GROUP, account(B))),
                        ACCOUNT_SETTINGS_READ,
                        B,
                        null,
                        false),
                Arguments.of(
                        "another account's zones in the nested form are never reached",
                        List.of(allow(ZONE_SSL_READ_GROUP, allZonesOf(B))),
                        ZONE_SSL_READ,
                        B,
                        ZB,
                        false),
                Arguments.of(
                        "all zones means the token's account only",
                        List.of(allow(ZONE_SSL_READ_GROUP, allZones())),
                        ZONE_SSL_READ,
                        B,
                        ZB,
                        false),
                Arguments.of(
                        "a zone named by id is not reached through another account",
                        List.of(allow(ZONE_SSL_READ_GROUP, zone(ZB))),
                        ZONE_SSL_READ,
                        B,
                        ZB,
                        false),
                Arguments.of(
                        "zone write is not zone read's sibling",
                        List.of(allow(ZONE_READ_GROUP, allZones())),
                        ZONE_WRITE,
                        A,
                        Z1,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatesPoliciesTheCloudflareWay(
            String description,
            List<TokenPolicy> policies,
            Permission permission,
            AccountId account,
            ZoneId zone,
            boolean granted) {
        TokenPermissions permissions = new TokenPermissions(A, policies);
        boolean result =
                zone == null ? permissions.grants(permission, account) : permissions.grants(permission, account, zone);
        assertThat(result).as(description).isEqualTo(granted);
    }

    @Test
    void tokenWithOnlyDenyPoliciesGrantsNothing() {
        TokenPermissions permissions = new TokenPermissions(
                A, List.of(deny(ZONE_SSL_WRITE_GROUP, allZones()), deny(ACCOUNT_TOKENS_WRITE_GROUP, account(A))));
        assertThat(permissions.grantsAnything()).isFalse();
        assertThat(permissions.seesAllZones()).isFalse();
        assertThat(permissions.namedZonesGranted()).isEmpty();
    }

    @Test
    void tokenOnNamedZonesSeesThoseZonesOnly() {
        TokenPermissions permissions = new TokenPermissions(
                A, List.of(allow(ZONE_SSL_READ_GROUP, zone(Z1), zone(Z2)), deny(ZONE_SSL_READ_GROUP, zone(Z2))));
        assertThat(permissions.grantsAnything()).isTrue();
        assertThat(permissions.seesAllZones()).isFalse();
        assertThat(permissions.namedZonesGranted()).containsExactly(Z1);
    }

    @Test
    void tokenOnAllZonesSeesTheWholeAccount() {
        TokenPermissions permissions = new TokenPermissions(A, List.of(allow(ZONE_SSL_READ_GROUP, allZones())));
        assertThat(permissions.grantsAnything()).isTrue();
        assertThat(permissions.seesAllZones()).isTrue();
    }

    @Test
    void denyOnOneZoneKeepsTheAccountVisibleButTheZoneRefused() {
        TokenPermissions permissions = new TokenPermissions(
                A, List.of(allow(ZONE_SSL_READ_GROUP, allZones()), deny(ZONE_SSL_READ_GROUP, zone(Z1))));
        assertThat(permissions.grantsAnything()).isTrue();
        assertThat(permissions.seesAllZones()).isTrue();
        assertThat(permissions.grants(ZONE_SSL_READ, A, Z1)).isFalse();
        assertThat(permissions.grants(ZONE_SSL_READ, A, Z2)).isTrue();
    }

    @Test
    void tokenPrincipalSeesItsAccountOnlyWhenItGrantsSomething() {
        Token granting = token(List.of(allow(ACCOUNT_TOKENS_READ_GROUP, account(A))));
        Token denying = token(List.of(deny(ACCOUNT_TOKENS_READ_GROUP, account(A))));
        assertThat(new TokenPrincipal(granting).visibleAccounts()).contains(Set.of(A));
        assertThat(new TokenPrincipal(denying).visibleAccounts()).contains(Set.of());
        assertThat(new TokenPrincipal(granting).describe()).isEqualTo("token " + granting.id());
    }

    private static Token token(List<TokenPolicy> policies) {
        Instant now = Instant.now();
        return new Token(
                TokenId.random(), A, "t", TokenStatus.ACTIVE, policies, Optional.empty(), Optional.empty(), now, now);
    }
}
