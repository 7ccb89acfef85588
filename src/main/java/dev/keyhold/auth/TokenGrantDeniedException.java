package dev.keyhold.auth;

/** Thrown when a token request allows a permission its creator does not hold on that resource. */
public class TokenGrantDeniedException extends RuntimeException {

    public TokenGrantDeniedException(String group, String resource) {
        super("a token cannot allow more than its creator holds: you do not hold \"" + group + "\" on " + resource
                + "; ask someone who does, or remove it from the policy");
    }
}
