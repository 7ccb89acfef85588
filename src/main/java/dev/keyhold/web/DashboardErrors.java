package dev.keyhold.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
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

    @ExceptionHandler(PageNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "not-found";
    }
}
