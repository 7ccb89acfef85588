/**
 * Authentication and authorization: users and their Global API Keys, account memberships, API tokens with
 * Cloudflare-shaped policies, the permission group catalog, the authenticated {@link dev.keyhold.auth.Principal}, and
 * the first-start bootstrap of the operator. Facades: {@link dev.keyhold.auth.Authenticator} and
 * {@link dev.keyhold.auth.Tokens}. Depends on {@code tenancy} only; never on {@code api} or {@code web}.
 */
package dev.keyhold.auth;
