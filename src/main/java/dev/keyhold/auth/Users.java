package dev.keyhold.auth;

import dev.keyhold.audit.Action;
import dev.keyhold.audit.AuditLog;
import dev.keyhold.audit.Resource;
import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.Tenancy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User administration, for the operator only (callers check {@link Principal#isOperator()}): adds users with a dashboard password and a role in one account, and lists
 * them with their memberships. A new user's Global API Key is random and never shown: people use the dashboard and
 * API tokens.
 */
@Service
public class Users {

    static final int LISTED = 1_000;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final UserRepository repository;

    private final Passwords passwords;

    private final Tenancy tenancy;

    private final Clock clock;

    private final AuditLog audit;

    Users(UserRepository repository, Passwords passwords, Tenancy tenancy, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.repository = repository;
        this.passwords = passwords;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /**
     * Adds a user who is a member of the account with the role.
     *
     * @throws InvalidUserException naming what is wrong (email, password, duplicate), never echoing the password
     */
    @Transactional
    public UserSummary create(String email, String password, AccountId account, MemberRole role) {
        String e = email == null ? "" : Authenticator.normalizeEmail(email);
        if (!EMAIL.matcher(e).matches() || e.length() > 320) {
            throw new InvalidUserException("email", "Enter an email address such as ops@example.com.");
        }
        String weakness = Passwords.weakness(password);
        if (weakness != null) {
            throw new InvalidUserException("password", "The password " + weakness + ".");
        }
        this.tenancy.requireAccount(account);
        User user = new User(
                UserId.random(),
                e,
                Secrets.sha256Hex(Secrets.newGlobalKey()),
                this.passwords.hash(password),
                false,
                this.clock.instant());
        try {
            this.repository.insert(user);
        } catch (DuplicateKeyException ex) {
            throw new InvalidUserException("email", "A user with the email " + e + " exists already.");
        }
        this.repository.addMember(account, user.id(), role);
        this.audit.changed(
                account.value(),
                Action.CREATE,
                new Resource(Resource.USER, e),
                "role " + role.name().toLowerCase(Locale.ROOT));
        return new UserSummary(e, false, Map.of(account, role));
    }

    /**
     * Gives a user a role in an account (adding them to it), or removes them from it when {@code role} is null. The
     * operator's own memberships cannot be changed here.
     *
     * @throws InvalidUserException when no such user exists or the user is the operator
     */
    @Transactional
    public void setRole(String email, AccountId account, MemberRole role) {
        String e = email == null ? "" : Authenticator.normalizeEmail(email);
        User user = this.repository
                .findByEmail(e)
                .orElseThrow(() -> new InvalidUserException("email", "No user has the email " + e + "."));
        if (user.operator()) {
            throw new InvalidUserException("email", "The operator's access cannot be changed.");
        }
        this.tenancy.requireAccount(account);
        Resource membership = new Resource(Resource.MEMBERSHIP, e);
        if (role == null) {
            this.repository.removeMember(account, user.id());
            this.audit.changed(account.value(), Action.DELETE, membership, null);
        } else {
            this.repository.setRole(account, user.id(), role);
            this.audit.changed(
                    account.value(),
                    Action.UPDATE,
                    membership,
                    "role " + role.name().toLowerCase(Locale.ROOT));
        }
    }

    /** Every user with their accounts and roles. */
    public List<UserSummary> list() {
        Map<UserId, Map<AccountId, MemberRole>> roles = new LinkedHashMap<>();
        this.repository.allMemberships().forEach(m -> roles.computeIfAbsent(m.user(), k -> new LinkedHashMap<>())
                .put(m.account(), m.role()));
        List<UserSummary> users = new ArrayList<>();
        for (User u : this.repository.listAll(LISTED)) {
            users.add(new UserSummary(u.email(), u.operator(), roles.getOrDefault(u.id(), Map.of())));
        }
        return users;
    }

    /** A user as the administration page shows it: never a secret. */
    public record UserSummary(String email, boolean operator, Map<AccountId, MemberRole> roles) {

        public UserSummary {
            roles = Map.copyOf(roles);
        }
    }
}
