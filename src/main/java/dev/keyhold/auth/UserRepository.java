package dev.keyhold.auth;

import dev.keyhold.tenancy.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores users (with the SHA-256 of their Global API Key) and their account memberships. */
@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws org.springframework.dao.DuplicateKeyException when a user has that email already */
    void insert(User u) {
        this.jdbc
                .sql(
                        """
                insert into users (id, email, api_key_hash, password_hash, operator, created_on)
                values (:id, :email, :hash, :passwordHash, :operator, :createdOn)""")
                .param("id", u.id().value())
                .param("email", u.email())
                .param("hash", u.apiKeyHash())
                .param("passwordHash", u.passwordHash())
                .param("operator", u.operator())
                .param("createdOn", OffsetDateTime.ofInstant(u.createdOn(), ZoneOffset.UTC))
                .update();
    }

    boolean isEmpty() {
        return this.jdbc.sql("select count(*) from users").query(Long.class).single() == 0;
    }

    Optional<User> findByEmail(String email) {
        return this.jdbc
                .sql("select * from users where email = :email")
                .param("email", email)
                .query(UserRepository::map)
                .optional();
    }

    void updateKeyHash(UserId id, String apiKeyHash) {
        this.jdbc
                .sql("update users set api_key_hash = :hash where id = :id")
                .param("id", id.value())
                .param("hash", apiKeyHash)
                .update();
    }

    void updatePasswordHash(UserId id, String passwordHash) {
        this.jdbc
                .sql("update users set password_hash = :hash where id = :id")
                .param("id", id.value())
                .param("hash", passwordHash)
                .update();
    }

    void addMember(AccountId account, UserId user, MemberRole role) {
        this.jdbc
                .sql("insert into account_members (account_id, user_id, role) values (:account, :user, :role)")
                .param("account", account.value())
                .param("user", user.value())
                .param("role", role.name())
                .update();
    }

    /** Sets the user's role in the account, adding the membership when there is none. */
    void setRole(AccountId account, UserId user, MemberRole role) {
        int changed = this.jdbc
                .sql("update account_members set role = :role where account_id = :account and user_id = :user")
                .param("account", account.value())
                .param("user", user.value())
                .param("role", role.name())
                .update();
        if (changed == 0) {
            addMember(account, user, role);
        }
    }

    /** Removes the user from the account; returns whether they were a member. */
    boolean removeMember(AccountId account, UserId user) {
        return this.jdbc
                        .sql("delete from account_members where account_id = :account and user_id = :user")
                        .param("account", account.value())
                        .param("user", user.value())
                        .update()
                > 0;
    }

    /** Every user, by email. */
    List<User> listAll(int limit) {
        return this.jdbc
                .sql("select * from users order by email limit :limit")
                .param("limit", limit)
                .query(UserRepository::map)
                .list();
    }

    /** Every membership as (account, user id, role), for listing. */
    List<Membership> allMemberships() {
        return this.jdbc
                .sql("select account_id, user_id, role from account_members order by account_id, user_id")
                .query((rs, row) -> new Membership(
                        new AccountId(rs.getString("account_id")),
                        new UserId(rs.getString("user_id")),
                        MemberRole.valueOf(rs.getString("role"))))
                .list();
    }

    /** One user's role in one account. */
    record Membership(AccountId account, UserId user, MemberRole role) {}

    /** The user's accounts and role in each. */
    Map<AccountId, MemberRole> memberships(UserId user) {
        Map<AccountId, MemberRole> roles = new LinkedHashMap<>();
        this.jdbc
                .sql("select account_id, role from account_members where user_id = :user order by account_id")
                .param("user", user.value())
                .query(rs -> {
                    roles.put(new AccountId(rs.getString("account_id")), MemberRole.valueOf(rs.getString("role")));
                });
        return roles;
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                new UserId(rs.getString("id")),
                rs.getString("email"),
                rs.getString("api_key_hash"),
                rs.getString("password_hash"),
                rs.getBoolean("operator"),
                rs.getObject("created_on", OffsetDateTime.class).toInstant());
    }
}
