package dev.keyhold.csr;

import java.util.List;

/**
 * Implemented by every feature that keeps a reference to a custom CSR (custom certificates, custom hostnames), so
 * that {@link CustomCsrs#delete} can refuse to delete a CSR still in use and say what uses it. The database enforces
 * the same with foreign keys; this only makes the refusal explicit.
 */
public interface CsrUsers {

    /** What still uses the CSR, described for the API caller ("custom certificate &lt;id&gt;"); empty when nothing. */
    List<String> usersOf(CsrId id);
}
