package dev.keyhold.web;

/**
 * Thrown when a dashboard page names something the signed-in user cannot see, whether or not it exists, so that
 * nothing of another tenant leaks: the answer is the same 404 page.
 */
class PageNotFoundException extends RuntimeException {

    PageNotFoundException(String what) {
        super("not found or not visible: " + what);
    }
}
