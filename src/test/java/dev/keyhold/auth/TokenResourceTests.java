package dev.keyhold.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.tenancy.AccountId;
import dev.keyhold.tenancy.ZoneId;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenResourceTests {

    static final String ACCOUNT = "a".repeat(32);

    static final String ZONE = "1".repeat(32);

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of(
                        "com.cloudflare.api.account." + ACCOUNT,
                        "*",
                        new TokenResource.Account(new AccountId(ACCOUNT))),
                Arguments.of("com.cloudflare.api.account.zone." + ZONE, "*", new TokenResource.Zone(new ZoneId(ZONE))),
                Arguments.of("com.cloudflare.api.account.zone.*", "*", new TokenResource.AllZones()),
                Arguments.of(
                        "com.cloudflare.api.account." + ACCOUNT,
                        Map.of("com.cloudflare.api.account.zone.*", "*"),
                        new TokenResource.AllZonesOf(new AccountId(ACCOUNT))));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void parsesEachCloudflareFormAndWritesItBackUnchanged(String key, Object value, TokenResource expected) {
        TokenResource parsed = TokenResource.parse(key, value);
        assertThat(parsed).isEqualTo(expected);
        assertThat(parsed.key()).isEqualTo(key);
        assertThat(parsed.value()).isEqualTo(value);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("com.cloudflare.api.account.*", "*", "32 lowercase hex"),
                Arguments.of("com.cloudflare.api.account.zone.ABC", "*", "zone id"),
                Arguments.of("com.cloudflare.api.user." + ACCOUNT, "*", "accepted keys are"),
                Arguments.of("com.cloudflare.api.account.zone." + ZONE, "read", "must be \"*\""),
                Arguments.of(
                        "com.cloudflare.api.account." + ACCOUNT,
                        Map.of("com.cloudflare.api.account.zone." + ZONE, "*"),
                        "only nested form"),
                Arguments.of("com.cloudflare.api.account.zone.*", null, "must be \"*\""));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesOtherFormsSayingWhatIsAccepted(String key, Object value, String hint) {
        assertThatThrownBy(() -> TokenResource.parse(key, value))
                .isInstanceOf(InvalidTokenRequestException.class)
                .hasMessageContaining(hint);
    }
}
