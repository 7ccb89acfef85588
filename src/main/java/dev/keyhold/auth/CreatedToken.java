package dev.keyhold.auth;

/**
 * A token just created, with its secret value: the only time the value exists outside the caller's hands. Return it
 * to the client once and never log it.
 */
public record CreatedToken(Token token, String value) {

    @Override
    public String toString() {
        return "CreatedToken[token=" + this.token + ", value=<redacted>]";
    }
}
