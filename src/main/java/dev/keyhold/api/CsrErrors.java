package dev.keyhold.api;

import dev.keyhold.csr.CsrError;
import dev.keyhold.csr.InvalidCsrRequestException;

/** Cloudflare's documented custom CSR errors (1400-1420) as API errors; the wording lives in {@link CsrError}. */
final class CsrErrors {

    static final String CHECK = CsrError.CHECK;

    static final ApiError BAD_JSON = api(CsrError.BAD_JSON);

    static final ApiError INVALID_ID = api(CsrError.INVALID_ID);

    static final ApiError NOT_FOUND = api(CsrError.NOT_FOUND);

    static final ApiError NO_QUOTA_ZONE = api(CsrError.NO_QUOTA_ZONE);

    static final ApiError NO_QUOTA_ACCOUNT = api(CsrError.NO_QUOTA_ACCOUNT);

    private CsrErrors() {}

    static ApiError of(InvalidCsrRequestException ex) {
        ApiError error = api(CsrError.of(ex));
        return ex.pointer() == null ? error : error.at(ex.pointer());
    }

    private static ApiError api(CsrError error) {
        return new ApiError(error.code(), error.message());
    }
}
