package dev.keyhold.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The secrets Keyhold hands out and the constant-time check of a presented secret against its stored hash. */
class SecretsTests {

    @Test
    void aPresentedSecretMatchesOnlyTheHashOfItself() {
        String token = Secrets.newTokenValue();
        String stored = Secrets.sha256Hex(token);

        assertThat(Secrets.matches(stored, token)).isTrue();
        assertThat(Secrets.matches(stored, token.substring(0, token.length() - 1)))
                .isFalse();
        assertThat(Secrets.matches(stored, token + "A")).isFalse();
        assertThat(Secrets.matches(stored, Secrets.newTokenValue())).isFalse();
        assertThat(Secrets.matches(stored, "")).isFalse();
    }

    @Test
    void theStoredHashIsNotItselfACredential() {
        String key = Secrets.newGlobalKey();
        String stored = Secrets.sha256Hex(key);

        assertThat(Secrets.matches(stored, stored)).isFalse();
        assertThat(Secrets.matches(stored.toUpperCase(), key))
                .as("hashes are lowercase hex; another spelling is another value")
                .isFalse();
    }

    @Test
    void secretsHaveCloudflaresShapesAndHashesAreFixedLength() {
        assertThat(Secrets.newTokenValue()).matches("[A-Za-z0-9_-]{40}");
        assertThat(Secrets.newGlobalKey()).matches("[0-9a-f]{37}");
        assertThat(Secrets.newPassword()).matches("[A-Za-z0-9_-]{20}");
        assertThat(Secrets.sha256Hex("")).hasSize(64);
        assertThat(Secrets.sha256Hex("x".repeat(10_000))).hasSize(64);
    }
}
