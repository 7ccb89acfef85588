package dev.keyhold.api;

import dev.keyhold.api.CertificateErrors.Family;
import dev.keyhold.auth.AuthenticationFailedException;
import dev.keyhold.auth.InvalidTokenRequestException;
import dev.keyhold.auth.TokenGrantDeniedException;
import dev.keyhold.auth.TokenNotFoundException;
import dev.keyhold.certificates.CertificateNotFoundException;
import dev.keyhold.certificates.InvalidCertificateException;
import dev.keyhold.certificates.InvalidCertificateIdException;
import dev.keyhold.certificates.InvalidCertificateRequestException;
import dev.keyhold.csr.CsrError;
import dev.keyhold.csr.CsrInUseException;
import dev.keyhold.csr.CsrNotFoundException;
import dev.keyhold.csr.InvalidCsrIdException;
import dev.keyhold.csr.InvalidCsrRequestException;
import dev.keyhold.expiry.InvalidWebhookException;
import dev.keyhold.expiry.WebhookNotFoundException;
import dev.keyhold.hostnames.DuplicateHostnameException;
import dev.keyhold.hostnames.HostnameChangeException;
import dev.keyhold.hostnames.HostnameNotFoundException;
import dev.keyhold.hostnames.InvalidHostnameIdException;
import dev.keyhold.hostnames.InvalidHostnameRequestException;
import dev.keyhold.keys.InvalidPrivateKeyException;
import dev.keyhold.system.DatabaseOutages;
import dev.keyhold.tenancy.AccountNotFoundException;
import dev.keyhold.tenancy.DuplicateZoneException;
import dev.keyhold.tenancy.Entitlement;
import dev.keyhold.tenancy.NotEntitledException;
import dev.keyhold.tenancy.ZoneNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where exceptions become HTTP: each domain exception maps to its status and Cloudflare {code, message},
 * always inside the v4 envelope. Anything unknown is a 500 with a request id; its detail goes to the log only.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    static final ApiError AUTHENTICATION_ERROR = new ApiError(10000, "Authentication error");

    /** NOTE: 1500 is Cloudflare's documented internal error code (custom CSRs and hostnames); 503 says "try again". */
    static final ApiError DATABASE_UNAVAILABLE = new ApiError(1500, "Keyhold cannot reach its database; retry shortly");

    /** What a 503 tells clients to wait: about as long as a brief database restart or failover takes. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final DatabaseOutages outages;

    ApiExceptionHandler(DatabaseOutages outages) {
        this.outages = outages;
    }

    @ExceptionHandler(InvalidCsrRequestException.class)
    ResponseEntity<Envelope<Void>> invalidCsr(InvalidCsrRequestException ex) {
        return fail(HttpStatus.BAD_REQUEST, CsrErrors.of(ex));
    }

    @ExceptionHandler(InvalidCsrIdException.class)
    ResponseEntity<Envelope<Void>> invalidCsrId(HttpServletRequest request) {
        return fail(HttpStatus.BAD_REQUEST, CertificateErrors.invalidCsrId(Family.of(request.getRequestURI())));
    }

    @ExceptionHandler(CsrNotFoundException.class)
    ResponseEntity<Envelope<Void>> csrNotFound(HttpServletRequest request) {
        return fail(HttpStatus.NOT_FOUND, CertificateErrors.csrNotFound(Family.of(request.getRequestURI())));
    }

    @ExceptionHandler(CsrInUseException.class)
    ResponseEntity<Envelope<Void>> csrInUse(CsrInUseException ex) {
        CsrError error = CsrError.inUse(ex);
        return conflict(new ApiError(error.code(), error.message()));
    }

    @ExceptionHandler(InvalidCertificateException.class)
    ResponseEntity<Envelope<Void>> invalidCertificate(InvalidCertificateException ex, HttpServletRequest request) {
        return fail(HttpStatus.BAD_REQUEST, CertificateErrors.of(ex, Family.of(request.getRequestURI())));
    }

    @ExceptionHandler(CertificateNotFoundException.class)
    ResponseEntity<Envelope<Void>> certificateNotFound() {
        return fail(HttpStatus.NOT_FOUND, CertificateErrors.CERTIFICATE_NOT_FOUND);
    }

    @ExceptionHandler(InvalidCertificateIdException.class)
    ResponseEntity<Envelope<Void>> invalidCertificateId() {
        return fail(HttpStatus.BAD_REQUEST, CertificateErrors.INVALID_CERTIFICATE_ID);
    }

    @ExceptionHandler(InvalidCertificateRequestException.class)
    ResponseEntity<Envelope<Void>> invalidCertificateRequest(InvalidCertificateRequestException ex) {
        return fail(HttpStatus.BAD_REQUEST, CertificateErrors.invalidRequest(ex));
    }

    @ExceptionHandler(InvalidHostnameRequestException.class)
    ResponseEntity<Envelope<Void>> invalidHostnameRequest(InvalidHostnameRequestException ex) {
        return fail(HttpStatus.BAD_REQUEST, HostnameErrors.of(ex));
    }

    @ExceptionHandler(InvalidHostnameIdException.class)
    ResponseEntity<Envelope<Void>> invalidHostnameId() {
        return fail(HttpStatus.BAD_REQUEST, HostnameErrors.INVALID_ID);
    }

    @ExceptionHandler(HostnameNotFoundException.class)
    ResponseEntity<Envelope<Void>> hostnameNotFound() {
        return fail(HttpStatus.NOT_FOUND, CertificateErrors.HOSTNAME_NOT_FOUND);
    }

    @ExceptionHandler(DuplicateHostnameException.class)
    ResponseEntity<Envelope<Void>> duplicateHostname(DuplicateHostnameException ex) {
        // NOTE: says nothing of the zone that holds the hostname; it may be another tenant's
        return conflict(HostnameErrors.DUPLICATE);
    }

    @ExceptionHandler(HostnameChangeException.class)
    ResponseEntity<Envelope<Void>> hostnameChange() {
        return conflict(HostnameErrors.HOSTNAME_CHANGE);
    }

    @ExceptionHandler(InvalidPrivateKeyException.class)
    ResponseEntity<Envelope<Void>> invalidPrivateKey(InvalidPrivateKeyException ex, HttpServletRequest request) {
        return fail(
                HttpStatus.BAD_REQUEST,
                CertificateErrors.invalidPrivateKey(ex.getMessage(), Family.of(request.getRequestURI())));
    }

    @ExceptionHandler(NotEntitledException.class)
    ResponseEntity<Envelope<Void>> notEntitled(NotEntitledException ex) {
        return fail(
                HttpStatus.FORBIDDEN,
                ex.entitlement() == Entitlement.CUSTOM_CSRS ? CsrErrors.NO_QUOTA_ZONE : CsrErrors.NO_QUOTA_ACCOUNT);
    }

    @ExceptionHandler(ZoneNotFoundException.class)
    ResponseEntity<Envelope<Void>> zoneNotFound(HttpServletRequest request) {
        return fail(HttpStatus.NOT_FOUND, noRoute(request));
    }

    @ExceptionHandler(AccountNotFoundException.class)
    ResponseEntity<Envelope<Void>> accountNotFound(HttpServletRequest request) {
        return fail(HttpStatus.NOT_FOUND, noRoute(request));
    }

    @ExceptionHandler(MalformedIdentifierException.class)
    ResponseEntity<Envelope<Void>> malformedId(HttpServletRequest request) {
        return fail(HttpStatus.BAD_REQUEST, noRoute(request));
    }

    @ExceptionHandler(DuplicateZoneException.class)
    ResponseEntity<Envelope<Void>> duplicateZone(DuplicateZoneException ex) {
        return conflict(new ApiError(1061, ex.name() + " already exists"));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Envelope<Void>> invalidRequest(InvalidRequestException ex) {
        return fail(HttpStatus.BAD_REQUEST, ex.error());
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Envelope<Void>> invalidParameter(InvalidParameterException ex) {
        return fail(HttpStatus.BAD_REQUEST, new ApiError(1004, ex.getMessage()));
    }

    /** Cloudflare's answer to a throttled credential; the SDKs wait {@code Retry-After} seconds and retry. */
    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<Envelope<Void>> rateLimited(RateLimitedException ex) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", String.valueOf(ex.retryAfterSeconds()))
                .body(Envelope.failure(
                        List.of(new ApiError(971, "Please wait and consider throttling your request speed"))));
    }

    @ExceptionHandler(CredentialsException.class)
    ResponseEntity<Envelope<Void>> credentials(CredentialsException ex) {
        return fail(HttpStatus.BAD_REQUEST, ex.error());
    }

    @ExceptionHandler(AuthenticationFailedException.class)
    ResponseEntity<Envelope<Void>> authenticationFailed(AuthenticationFailedException ex) {
        ApiError error =
                switch (ex.reason()) {
                    case UNKNOWN_TOKEN -> new ApiError(1000, "Invalid API Token");
                    case INACTIVE_TOKEN ->
                        new ApiError(1000, "Invalid API Token: the token is disabled, expired or not yet valid");
                    // NOTE: the API never signs in with a password; the dashboard maps WRONG_PASSWORD itself
                    case UNKNOWN_GLOBAL_KEY, WRONG_PASSWORD -> new ApiError(9103, "Unknown X-Auth-Key or X-Auth-Email");
                };
        return fail(HttpStatus.FORBIDDEN, error);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Envelope<Void>> accessDenied() {
        return fail(HttpStatus.FORBIDDEN, AUTHENTICATION_ERROR);
    }

    @ExceptionHandler(InvalidTokenRequestException.class)
    ResponseEntity<Envelope<Void>> invalidToken(InvalidTokenRequestException ex) {
        return fail(HttpStatus.BAD_REQUEST, new ApiError(1003, "Invalid request: " + ex.getMessage()));
    }

    @ExceptionHandler(TokenGrantDeniedException.class)
    ResponseEntity<Envelope<Void>> tokenGrantDenied(TokenGrantDeniedException ex) {
        return fail(HttpStatus.FORBIDDEN, new ApiError(1003, "Invalid request: " + ex.getMessage()));
    }

    @ExceptionHandler(TokenNotFoundException.class)
    ResponseEntity<Envelope<Void>> tokenNotFound() {
        return fail(HttpStatus.NOT_FOUND, new ApiError(1003, "API token not found."));
    }

    @ExceptionHandler(InvalidWebhookException.class)
    ResponseEntity<Envelope<Void>> invalidWebhook(InvalidWebhookException ex) {
        return fail(
                HttpStatus.BAD_REQUEST, new ApiError(1003, "Invalid request: " + ex.getMessage()).at("/" + ex.field()));
    }

    @ExceptionHandler(WebhookNotFoundException.class)
    ResponseEntity<Envelope<Void>> webhookNotFound() {
        return fail(HttpStatus.NOT_FOUND, new ApiError(1003, "Webhook destination not found."));
    }

    /** Cloudflare answers an oversized body with 413 and documents no code; 6013 sits with 6003 and 6007. */
    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<Envelope<Void>> bodyTooLarge(RequestBodyTooLargeException ex) {
        return fail(HttpStatus.CONTENT_TOO_LARGE, new ApiError(6013, "Request Entity Too Large: " + ex.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Envelope<Void>> unreadableBody(HttpMessageNotReadableException ex, HttpServletRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyTooLargeException tooLarge) {
                return bodyTooLarge(tooLarge);
            }
        }
        ApiError error = request.getRequestURI().contains("/custom_csrs")
                ? CsrErrors.BAD_JSON
                : request.getRequestURI().contains("/custom_hostnames")
                        ? HostnameErrors.BAD_JSON
                        : new ApiError(6007, "Malformed JSON in request body");
        return fail(HttpStatus.BAD_REQUEST, error);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Envelope<Void>> notJson(HttpServletRequest request) {
        String hint = " Send the body as JSON with the header Content-Type: application/json.";
        ApiError error = request.getRequestURI().contains("/custom_csrs")
                        || request.getRequestURI().contains("/custom_hostnames")
                ? new ApiError(1400, "Unable to decode the JSON request body." + hint + CsrErrors.CHECK)
                : new ApiError(6007, "Malformed JSON in request body." + hint);
        return fail(HttpStatus.BAD_REQUEST, error);
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<Envelope<Void>> unknownRoute(HttpServletRequest request) {
        // NOTE: Cloudflare answers an unknown API route with 400 and 7000; outside the API a plain 404 is right
        HttpStatus status =
                request.getRequestURI().startsWith("/client/v4/") ? HttpStatus.BAD_REQUEST : HttpStatus.NOT_FOUND;
        return fail(status, new ApiError(7000, "No route for that URI"));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Envelope<Void>> methodNotAllowed() {
        return fail(HttpStatus.METHOD_NOT_ALLOWED, new ApiError(7001, "Method not allowed for this route"));
    }

    /**
     * The database cannot be reached (refused, timed out, dropped): 503 with {@code Retry-After}, which the SDKs honour
     * before retrying. The outage is logged once, not once per request.
     */
    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        QueryTimeoutException.class,
        SQLTransientConnectionException.class
    })
    ResponseEntity<Envelope<Void>> databaseUnavailable(Exception ex, HttpServletRequest request) {
        this.outages.report(ex, request.getMethod() + " " + request.getRequestURI());
        return unavailable(DATABASE_UNAVAILABLE);
    }

    /** A lock or serialization conflict the database gave up on: the same request may well succeed again. */
    @ExceptionHandler(TransientDataAccessException.class)
    ResponseEntity<Envelope<Void>> databaseBusy(TransientDataAccessException ex, HttpServletRequest request) {
        if (DatabaseOutages.isOutage(ex)) {
            return databaseUnavailable(ex, request);
        }
        log.warn("Database busy: {}", ex.getMessage());
        return unavailable(new ApiError(1500, "Keyhold's database was busy; retry shortly"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Envelope<Void>> unexpected(Exception ex, HttpServletRequest request) {
        if (DatabaseOutages.isOutage(ex)) { // wrapped, e.g. by Spring Security
            return databaseUnavailable(ex, request);
        }
        String requestId = UUID.randomUUID().toString();
        log.error(
                "Unexpected error on {} {} (request id {})",
                request.getMethod(),
                request.getRequestURI(),
                requestId,
                ex);
        return fail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                new ApiError(1500, "Internal Server Error (request id " + requestId + ")"));
    }

    private static ApiError noRoute(HttpServletRequest request) {
        String path = request.getRequestURI().replaceFirst("^/client/v4", "");
        return new ApiError(7003, "Could not route to " + path + ", perhaps your object identifier is invalid?");
    }

    private static ResponseEntity<Envelope<Void>> unavailable(ApiError error) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                .body(Envelope.failure(List.of(error)));
    }

    private static ResponseEntity<Envelope<Void>> conflict(ApiError error) {
        RefusalAudit.remember(error);
        // NOTE: Stainless SDKs retry every 409 twice unless told not to.
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header("x-should-retry", "false")
                .body(Envelope.failure(List.of(error)));
    }

    private static ResponseEntity<Envelope<Void>> fail(HttpStatus status, ApiError error) {
        if (status == HttpStatus.CONFLICT) {
            return conflict(error);
        }
        RefusalAudit.remember(error);
        return ResponseEntity.status(status).body(Envelope.failure(List.of(error)));
    }
}
