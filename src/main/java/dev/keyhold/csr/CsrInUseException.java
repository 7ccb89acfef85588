package dev.keyhold.csr;

import java.util.List;

/** Thrown when a custom CSR cannot be deleted because certificates or custom hostnames still use its key. */
public class CsrInUseException extends RuntimeException {

    private final transient List<String> users;

    public CsrInUseException(CsrId id, List<String> users) {
        super("custom CSR " + id.value() + " is in use by " + (users.isEmpty() ? "a certificate" : users));
        this.users = List.copyOf(users);
    }

    /** What uses the CSR, as "custom certificate &lt;id&gt;" or "custom hostname &lt;name&gt;"; may be empty. */
    public List<String> users() {
        return this.users;
    }
}
