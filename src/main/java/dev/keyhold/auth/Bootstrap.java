package dev.keyhold.auth;

import dev.keyhold.tenancy.Account;
import dev.keyhold.tenancy.Entitlements;
import dev.keyhold.tenancy.Tenancy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the operator, the default account and the operator's membership on first start, before the server takes
 * traffic; on later starts applies a changed {@code KEYHOLD_BOOTSTRAP_API_KEY}. Safe when several nodes start at once
 * on one database: the operator row is inserted first and a duplicate means another node won.
 */
@Component
class Bootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final UserRepository users;

    private final Tenancy tenancy;

    private final TransactionTemplate transaction;

    private final Clock clock;

    private final BootstrapSettings settings;

    private final Passwords passwords;

    Bootstrap(
            UserRepository users,
            Tenancy tenancy,
            PlatformTransactionManager transactions,
            Clock clock,
            Passwords passwords,
            @Value("${keyhold.bootstrap.email:}") String email,
            @Value("${keyhold.bootstrap.api-key:}") String apiKey,
            @Value("${keyhold.bootstrap.password:}") String password,
            @Value("${keyhold.bootstrap.account-name:}") String accountName,
            @Value("${keyhold.data-dir:./keyhold-data}") String dataDir) {
        this.users = users;
        this.tenancy = tenancy;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.passwords = passwords;
        // validated here so that bad settings fail startup with the fix in the message
        this.settings = BootstrapSettings.of(email, apiKey, password, accountName, dataDir);
    }

    @Override
    public void afterSingletonsInstantiated() {
        run(this.settings);
    }

    /** Bootstraps an empty database, or applies a configured key to the existing operator. */
    void run(BootstrapSettings s) {
        if (this.users.isEmpty() && tryBootstrap(s)) {
            return;
        }
        s.apiKey().ifPresent(key -> applyKey(s.email(), key));
        s.password().ifPresent(password -> applyPassword(s.email(), password));
    }

    /**
     * Inserts the operator, the default account and the membership in one transaction. Returns false, changing
     * nothing, when another node inserted the operator first.
     */
    boolean tryBootstrap(BootstrapSettings s) {
        String key = s.apiKey().orElseGet(Secrets::newGlobalKey);
        String password = s.password().orElseGet(Secrets::newPassword);
        User operator = new User(
                UserId.random(),
                s.email(),
                Secrets.sha256Hex(key),
                this.passwords.hash(password),
                true,
                this.clock.instant());
        Bootstrapped done;
        try {
            done = this.transaction.execute(status -> {
                this.users.insert(operator);
                Account account = this.tenancy.createAccount(s.accountName(), Entitlements.all());
                this.users.addMember(account.id(), operator.id(), MemberRole.ADMINISTRATOR);
                // written before commit: if writing fails nothing is committed and the next start tries again
                Optional<Path> file = s.apiKey().isPresent() && s.password().isPresent()
                        ? Optional.empty()
                        : Optional.of(CredentialsFile.write(
                                s.dataDir(),
                                s.email(),
                                s.apiKey().isPresent() ? null : key,
                                s.password().isPresent() ? null : password,
                                account.id()));
                return new Bootstrapped(account, file);
            });
        } catch (DuplicateKeyException ex) {
            log.info("Another Keyhold node bootstrapped this database first; using its operator and account");
            return false;
        }
        log.info(
                "Bootstrapped Keyhold: operator {}, account {} ({})",
                s.email(),
                done.account().id(),
                done.account().name());
        done.file()
                .ifPresentOrElse(
                        path -> log.info(
                                "Generated the operator's secrets (Global API Key or dashboard password, whichever was "
                                        + "not configured); they are in {} (mode 0600). Keep them safe, then delete "
                                        + "the file.",
                                path.toAbsolutePath()),
                        () -> log.info("The operator's Global API Key and dashboard password are the ones set in "
                                + "KEYHOLD_BOOTSTRAP_API_KEY and KEYHOLD_BOOTSTRAP_PASSWORD"));
        return true;
    }

    private record Bootstrapped(Account account, Optional<Path> file) {}

    private void applyKey(String email, String key) {
        Optional<User> operator = this.users.findByEmail(email).filter(User::operator);
        if (operator.isEmpty()) {
            log.warn(
                    "KEYHOLD_BOOTSTRAP_API_KEY is set but no operator has the email {}; the key was not applied. Set "
                            + "KEYHOLD_BOOTSTRAP_EMAIL to the operator's email.",
                    email);
            return;
        }
        if (!Secrets.matches(operator.get().apiKeyHash(), key)) {
            this.users.updateKeyHash(operator.get().id(), Secrets.sha256Hex(key));
            log.info("Updated the Global API Key of operator {} from KEYHOLD_BOOTSTRAP_API_KEY", email);
        }
    }

    private void applyPassword(String email, String password) {
        this.users.findByEmail(email).filter(User::operator).ifPresent(operator -> {
            if (!this.passwords.matches(password, operator.passwordHash())) {
                this.users.updatePasswordHash(operator.id(), this.passwords.hash(password));
                log.info("Updated the dashboard password of operator {} from KEYHOLD_BOOTSTRAP_PASSWORD", email);
            }
        });
    }
}
