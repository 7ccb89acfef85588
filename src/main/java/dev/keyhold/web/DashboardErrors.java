package dev.keyhold.web;

import dev.keyhold.system.DatabaseOutages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The dashboard's error pages. Runs before the API's advice, for dashboard controllers only, so a page never answers
 * with the API's JSON envelope.
 */
@ControllerAdvice(basePackageClasses = DashboardErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardErrors {

    private static final Logger log = LoggerFactory.getLogger(DashboardErrors.class);

    /** The page shown while the database cannot be reached; Spring Boot's error page for a 503 too. */
    static final String UNAVAILABLE = "error/503";

    private final DatabaseOutages outages;

    DashboardErrors(DatabaseOutages outages) {
        this.outages = outages;
    }

    @ExceptionHandler(PageNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "not-found";
    }

    /** The database cannot be reached: a page that says so and to try again, logged once per outage. */
    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class})
    String unavailable(Exception ex, HttpServletRequest request, HttpServletResponse response) {
        this.outages.report(ex, "dashboard " + request.getMethod() + " " + request.getRequestURI());
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        return UNAVAILABLE;
    }

    /** Anything unexpected: a page with a request id to quote, the detail only in the log. */
    @ExceptionHandler(Exception.class)
    String unexpected(Exception ex, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (DatabaseOutages.isOutage(ex)) {
            return unavailable(ex, request, response);
        }
        response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
        String requestId = UUID.randomUUID().toString();
        log.error(
                "Unexpected error on dashboard {} {} (request id {})",
                request.getMethod(),
                request.getRequestURI(),
                requestId,
                ex);
        model.addAttribute("requestId", requestId);
        return "error-page";
    }
}
