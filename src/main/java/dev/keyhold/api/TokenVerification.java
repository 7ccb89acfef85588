package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keyhold.auth.Token;
import java.time.Instant;

/** The result of verifying the calling token: its id and status, and its validity window when it has one. */
record TokenVerification(
        String id,
        String status,
        @JsonProperty("not_before") @JsonInclude(JsonInclude.Include.NON_NULL) Instant notBefore,
        @JsonProperty("expires_on") @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiresOn) {

    static TokenVerification of(Token t) {
        return new TokenVerification(
                t.id().value(),
                t.status().wire(),
                t.notBefore().orElse(null),
                t.expiresOn().orElse(null));
    }
}
