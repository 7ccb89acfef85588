package dev.keyhold.api;

/**
 * A validated {@code page} / {@code per_page} pair. Cloudflare's lists take pages from 1 and 5 to 50 items a page.
 */
public record PageRequest(int page, int perPage) {

    static final int MIN_PER_PAGE = 5;

    static final int MAX_PER_PAGE = 50;

    /** Parses the raw query values, applying the endpoint's default page size. */
    public static PageRequest of(String page, String perPage, int defaultPerPage) {
        return of(page, perPage, defaultPerPage, MAX_PER_PAGE);
    }

    /**
     * Parses the raw query values for an endpoint whose pages may hold up to {@code maxPerPage} items (custom
     * hostnames take up to 1000).
     */
    public static PageRequest of(String page, String perPage, int defaultPerPage, int maxPerPage) {
        int p = parse("page", page, 1);
        int pp = parse("per_page", perPage, defaultPerPage);
        if (p < 1) {
            throw new InvalidParameterException("page", page, "must be a whole number of at least 1");
        }
        if (pp < MIN_PER_PAGE || pp > maxPerPage) {
            throw new InvalidParameterException(
                    "per_page", perPage, "must be a whole number from " + MIN_PER_PAGE + " to " + maxPerPage);
        }
        return new PageRequest(p, pp);
    }

    /** The zero-based index of the first item of this page. */
    public long offset() {
        return (long) (this.page - 1) * this.perPage;
    }

    private static int parse(String name, String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            // NOTE: the SDK serialises numbers with JSON semantics, so "2.0" never arrives; "2" does.
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException ex) {
            throw new InvalidParameterException(name, raw, "must be a whole number");
        }
    }
}
