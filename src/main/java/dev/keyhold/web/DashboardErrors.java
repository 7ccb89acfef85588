package dev.keyhold.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
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

    @ExceptionHandler(PageNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "not-found";
    }

    /** Anything unexpected: a page with a request id to quote, the detail only in the log. */
    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String unexpected(Exception ex, HttpServletRequest request, Model model) {
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
