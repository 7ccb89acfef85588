package dev.keyhold.web;

import dev.keyhold.auth.AuthenticationFailedException;
import dev.keyhold.auth.Authenticator;
import dev.keyhold.auth.Principal;
import dev.keyhold.auth.SignInLockedException;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Signs dashboard users in through {@link Authenticator#password}: the same users, roles and lockout as everywhere
 * in Keyhold. The resulting {@link SignedIn} carries the {@link Principal} that pages ask before showing or changing
 * anything, exactly as the API does.
 */
@Component
class PasswordSignIn implements AuthenticationProvider {

    static final String WRONG = "Incorrect email or password.";

    private final Authenticator authenticator;

    PasswordSignIn(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String email = String.valueOf(request.getPrincipal());
        String password =
                request.getCredentials() == null ? "" : request.getCredentials().toString();
        String client = request.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "unknown";
        try {
            Principal principal = this.authenticator.password(email, password, client);
            return new SignedIn(email, principal);
        } catch (SignInLockedException ex) {
            throw new LockedException("Too many failed sign-ins. Try again in "
                    + Math.max(1, ex.retryAfter().toSeconds()) + " seconds.");
        } catch (AuthenticationFailedException ex) {
            throw new BadCredentialsException(WRONG);
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
    }

    /**
     * A signed-in dashboard user: the email they signed in with, and their principal for this request
     * ({@link SignedInRefresh} reads it afresh on every request).
     */
    static final class SignedIn extends AbstractAuthenticationToken {

        private final String email;

        private final transient Principal principal;

        SignedIn(String email, Principal principal) {
            super(List.of());
            this.email = email;
            this.principal = principal;
            setAuthenticated(true);
        }

        String email() {
            return this.email;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Principal getPrincipal() {
            return this.principal;
        }

        @Override
        public String getName() {
            return this.principal.describe();
        }
    }
}
