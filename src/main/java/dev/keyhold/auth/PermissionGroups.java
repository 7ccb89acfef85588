package dev.keyhold.auth;

import static dev.keyhold.auth.Permission.ACCOUNT_SETTINGS_READ;
import static dev.keyhold.auth.Permission.ACCOUNT_SETTINGS_WRITE;
import static dev.keyhold.auth.Permission.ACCOUNT_SSL_READ;
import static dev.keyhold.auth.Permission.ACCOUNT_SSL_WRITE;
import static dev.keyhold.auth.Permission.ACCOUNT_TOKENS_READ;
import static dev.keyhold.auth.Permission.ACCOUNT_TOKENS_WRITE;
import static dev.keyhold.auth.Permission.ZONE_READ;
import static dev.keyhold.auth.Permission.ZONE_SSL_READ;
import static dev.keyhold.auth.Permission.ZONE_SSL_WRITE;
import static dev.keyhold.auth.Permission.ZONE_WRITE;

import dev.keyhold.auth.Permission.Scope;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fixed catalog of permission groups a token policy may name. Where Cloudflare has the same group its id is reused,
 * so Terraform configurations port unchanged; Keyhold assigned the others once and they never change:
 *
 * <table>
 * <caption>Permission groups</caption>
 * <tr><th>id</th><th>name</th><th>scope</th><th>grants</th><th>origin</th></tr>
 * <tr><td>7b7216b327b04b8fbc8f524e1f9b7531</td><td>SSL and Certificates Read</td><td>zone</td><td>ZONE_SSL_READ</td><td>Cloudflare</td></tr>
 * <tr><td>c03055bc037c4ea9afb9a9f104b7b721</td><td>SSL and Certificates Write</td><td>zone</td><td>ZONE_SSL_READ, ZONE_SSL_WRITE</td><td>Cloudflare</td></tr>
 * <tr><td>c8fed203ed3043cba015a93ad1616f1f</td><td>Zone Read</td><td>zone</td><td>ZONE_READ</td><td>Cloudflare</td></tr>
 * <tr><td>e6d2666161e84845a636613608cee8d5</td><td>Zone Write</td><td>zone</td><td>ZONE_READ, ZONE_WRITE</td><td>Cloudflare</td></tr>
 * <tr><td>c1fde68c7bcc44588cbb6ddbc16d6480</td><td>Account Settings Read</td><td>account</td><td>ACCOUNT_SETTINGS_READ</td><td>Cloudflare</td></tr>
 * <tr><td>1af1fa2adc104452b74a9a3364202f20</td><td>Account Settings Write</td><td>account</td><td>ACCOUNT_SETTINGS_READ, ACCOUNT_SETTINGS_WRITE</td><td>Cloudflare</td></tr>
 * <tr><td>57a6c9e2bb4a65dcf0b84f20c9746815</td><td>SSL and Certificates Read</td><td>account</td><td>ACCOUNT_SSL_READ</td><td>Keyhold</td></tr>
 * <tr><td>b6f1b7b0f30ea3af82b5aa6986c3848e</td><td>SSL and Certificates Write</td><td>account</td><td>ACCOUNT_SSL_READ, ACCOUNT_SSL_WRITE</td><td>Keyhold</td></tr>
 * <tr><td>034be13db9d603eb164a529afc33a0fe</td><td>Account API Tokens Read</td><td>account</td><td>ACCOUNT_TOKENS_READ</td><td>Keyhold</td></tr>
 * <tr><td>659d40f01729c6a3d99f8405cce362aa</td><td>Account API Tokens Write</td><td>account</td><td>ACCOUNT_TOKENS_READ, ACCOUNT_TOKENS_WRITE</td><td>Keyhold</td></tr>
 * </table>
 */
public final class PermissionGroups {

    public static final PermissionGroup ZONE_SSL_READ_GROUP = new PermissionGroup(
            "7b7216b327b04b8fbc8f524e1f9b7531", "SSL and Certificates Read", Scope.ZONE, Set.of(ZONE_SSL_READ));

    public static final PermissionGroup ZONE_SSL_WRITE_GROUP = new PermissionGroup(
            "c03055bc037c4ea9afb9a9f104b7b721",
            "SSL and Certificates Write",
            Scope.ZONE,
            Set.of(ZONE_SSL_READ, ZONE_SSL_WRITE));

    public static final PermissionGroup ZONE_READ_GROUP =
            new PermissionGroup("c8fed203ed3043cba015a93ad1616f1f", "Zone Read", Scope.ZONE, Set.of(ZONE_READ));

    public static final PermissionGroup ZONE_WRITE_GROUP = new PermissionGroup(
            "e6d2666161e84845a636613608cee8d5", "Zone Write", Scope.ZONE, Set.of(ZONE_READ, ZONE_WRITE));

    public static final PermissionGroup ACCOUNT_SETTINGS_READ_GROUP = new PermissionGroup(
            "c1fde68c7bcc44588cbb6ddbc16d6480", "Account Settings Read", Scope.ACCOUNT, Set.of(ACCOUNT_SETTINGS_READ));

    public static final PermissionGroup ACCOUNT_SETTINGS_WRITE_GROUP = new PermissionGroup(
            "1af1fa2adc104452b74a9a3364202f20",
            "Account Settings Write",
            Scope.ACCOUNT,
            Set.of(ACCOUNT_SETTINGS_READ, ACCOUNT_SETTINGS_WRITE));

    public static final PermissionGroup ACCOUNT_SSL_READ_GROUP = new PermissionGroup(
            "57a6c9e2bb4a65dcf0b84f20c9746815", "SSL and Certificates Read", Scope.ACCOUNT, Set.of(ACCOUNT_SSL_READ));

    public static final PermissionGroup ACCOUNT_SSL_WRITE_GROUP = new PermissionGroup(
            "b6f1b7b0f30ea3af82b5aa6986c3848e",
            "SSL and Certificates Write",
            Scope.ACCOUNT,
            Set.of(ACCOUNT_SSL_READ, ACCOUNT_SSL_WRITE));

    public static final PermissionGroup ACCOUNT_TOKENS_READ_GROUP = new PermissionGroup(
            "034be13db9d603eb164a529afc33a0fe", "Account API Tokens Read", Scope.ACCOUNT, Set.of(ACCOUNT_TOKENS_READ));

    public static final PermissionGroup ACCOUNT_TOKENS_WRITE_GROUP = new PermissionGroup(
            "659d40f01729c6a3d99f8405cce362aa",
            "Account API Tokens Write",
            Scope.ACCOUNT,
            Set.of(ACCOUNT_TOKENS_READ, ACCOUNT_TOKENS_WRITE));

    private static final List<PermissionGroup> ALL = List.of(
            ZONE_SSL_READ_GROUP,
            ZONE_SSL_WRITE_GROUP,
            ZONE_READ_GROUP,
            ZONE_WRITE_GROUP,
            ACCOUNT_SETTINGS_READ_GROUP,
            ACCOUNT_SETTINGS_WRITE_GROUP,
            ACCOUNT_SSL_READ_GROUP,
            ACCOUNT_SSL_WRITE_GROUP,
            ACCOUNT_TOKENS_READ_GROUP,
            ACCOUNT_TOKENS_WRITE_GROUP);

    private PermissionGroups() {}

    /** Every group, zone scope first, in a stable order. */
    public static List<PermissionGroup> all() {
        return ALL;
    }

    public static Optional<PermissionGroup> find(String id) {
        return ALL.stream().filter(g -> g.id().equals(id)).findFirst();
    }
}
