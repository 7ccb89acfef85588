package dev.keyhold.csr;

/** How to order a list of account-level CSRs ({@code order} and {@code direction} of the API). */
public record CsrOrder(Field field, boolean descending) {

    /** Creation order, oldest first: the default. */
    public static final CsrOrder DEFAULT = new CsrOrder(Field.CREATED_AT, false);

    /** The columns a list can be ordered by. */
    public enum Field {
        NAME,
        ACCOUNT_TAG,
        CREATED_AT
    }
}
