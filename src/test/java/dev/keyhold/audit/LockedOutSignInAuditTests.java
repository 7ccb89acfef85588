package dev.keyhold.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.keyhold.auth.AuthenticationFailedException;
import dev.keyhold.auth.Authenticator;
import dev.keyhold.auth.SignInLockedException;
import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.V4Client;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Sign-ins refused by the lockout are in the audit log, once a minute per client address and email, however many
 * attempts a guesser makes. The sign-ins come from documentation addresses (203.0.113.0/24) through the
 * {@link Authenticator} itself, so that the lockout of the test clients' own 127.0.0.1 is not touched.
 */
@KeyholdApiTest
class LockedOutSignInAuditTests {

    @LocalServerPort
    int port;

    @Autowired
    Authenticator authenticator;

    @Autowired
    AuditContext context;

    @AfterEach
    void endRequest() {
        this.context.end();
    }

    @Test
    void aLockedOutSignInIsRecordedOncePerAddressAndEmailWithoutThePassword() {
        String email = "target-" + System.nanoTime() + "@keyhold.test";
        String guesser = "203.0.113.7";
        for (int i = 0; i < 5; i++) {
            String password = "guess " + i;
            this.context.begin(guesser);
            assertThatExceptionOfType(AuthenticationFailedException.class)
                    .isThrownBy(() -> this.authenticator.password(email, password, guesser));
        }
        for (int i = 0; i < 4; i++) {
            String password = "locked guess " + i;
            this.context.begin(guesser);
            assertThatExceptionOfType(SignInLockedException.class)
                    .isThrownBy(() -> this.authenticator.password(email, password, guesser));
        }
        // the email is locked from every address; another address is recorded on its own
        this.context.begin("203.0.113.8");
        assertThatExceptionOfType(SignInLockedException.class)
                .isThrownBy(() -> this.authenticator.password(email, "from elsewhere", "203.0.113.8"));

        V4Client api = V4Client.operator(this.port);
        V4Client.Response r = api.get("/user/audit_logs?action.type=login&per_page=50&actor.email=" + email);
        List<JsonNode> events = r.result().valueStream().toList();
        assertThat(events).hasSize(7).allSatisfy(e -> {
            assertThat(e.at("/action/type").asString()).isEqualTo("login");
            assertThat(e.at("/action/result").asBoolean()).isFalse();
            assertThat(e.at("/actor/email").asString()).isEqualTo(email);
            assertThat(e.at("/resource/type").asString()).isEqualTo("user");
        });
        assertThat(events.stream()
                        .map(e -> e.at("/metadata/reason").asString() + " "
                                + e.at("/actor/ip").asString()))
                .containsExactlyInAnyOrder(
                        "wrong_password 203.0.113.7",
                        "wrong_password 203.0.113.7",
                        "wrong_password 203.0.113.7",
                        "wrong_password 203.0.113.7",
                        "wrong_password 203.0.113.7",
                        "locked_out 203.0.113.7",
                        "locked_out 203.0.113.8");
        assertThat(r.body())
                .doesNotContain("guess 4")
                .doesNotContain("locked guess")
                .doesNotContain("from elsewhere");
    }
}
