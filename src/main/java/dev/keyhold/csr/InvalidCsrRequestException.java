package dev.keyhold.csr;

/**
 * Thrown when a custom CSR request breaks a rule. Carries the rule, the request field at fault (a JSON pointer such
 * as {@code /sans/1}) and a detail safe to show (the offending value or the limit), never a status or code.
 */
public class InvalidCsrRequestException extends RuntimeException {

    private final CsrRule rule;

    private final String pointer;

    private final String detail;

    public InvalidCsrRequestException(CsrRule rule, String pointer, String detail) {
        super(rule + " at " + pointer + (detail == null ? "" : ": " + detail));
        this.rule = rule;
        this.pointer = pointer;
        this.detail = detail;
    }

    public CsrRule rule() {
        return this.rule;
    }

    public String pointer() {
        return this.pointer;
    }

    /** The offending value or limit, or null. */
    public String detail() {
        return this.detail;
    }
}
