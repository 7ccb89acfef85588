package dev.keyhold.api;

import dev.keyhold.auth.Principal;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands a controller method the authenticated {@link Principal}: declare a parameter of that type. Only routes under
 * {@code /client/v4/} are authenticated; anywhere else such a parameter fails as missing credentials.
 */
class PrincipalArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        // only the API's controllers: the dashboard's principal comes from its session, not from API headers
        return Principal.class.equals(parameter.getParameterType())
                && parameter
                        .getContainingClass()
                        .getPackageName()
                        .equals(PrincipalArgumentResolver.class.getPackageName());
    }

    @Override
    public Principal resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        Object principal =
                webRequest.getAttribute(ApiAuthentication.PRINCIPAL_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (principal == null) {
            throw CredentialsException.missing();
        }
        return (Principal) principal;
    }
}
