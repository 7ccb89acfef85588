package dev.keyhold.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Two filter chains. The API, the actuator and the OpenAPI documents authenticate every request themselves
 * (API tokens or Global API Keys, no cookies), so their chain only adds the standard security headers: no session,
 * no CSRF (a request without a cookie cannot be forged). Everything else is the dashboard: email and password
 * sign-in ({@code /sign-in}), a session cookie, CSRF tokens on every form, a strict Content Security Policy (no inline
 * script or style: the templates need none), a Permissions-Policy that denies every powerful feature, no caching
 * (Spring Security's {@code no-store} default), and HSTS on every response that went over TLS.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    static final String[] STATELESS = {
        "/client/v4/**", "/actuator/**", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html"
    };

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /** The dashboard uses no powerful browser feature; deny the ones a page could otherwise ask for. */
    static final String PERMISSIONS_POLICY =
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=()";

    static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        // NOTE: the API authenticates in ApiAuthentication (Cloudflare's headers and error envelope); this chain only
        // keeps Spring Security's session, CSRF and login machinery off it, with as few filters as possible per request
        return http.securityMatcher(STATELESS)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain dashboardChain(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.requestMatchers("/sign-in", "/assets/**", "/favicon.ico", "/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(f -> f.loginPage("/sign-in")
                        .loginProcessingUrl("/sign-in")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .defaultSuccessUrl("/", false)
                        .failureUrl("/sign-in?error"))
                .logout(l -> l.logoutUrl("/sign-out").logoutSuccessUrl("/sign-in?signed-out"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                        .permissionsPolicyHeader(p -> p.policy(PERMISSIONS_POLICY))
                        .crossOriginOpenerPolicy(c -> c.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                        // NOTE: written only on requests that arrived over TLS (RFC 6797 forbids it over plain HTTP)
                        .httpStrictTransportSecurity(
                                t -> t.maxAgeInSeconds(HSTS_MAX_AGE_SECONDS).includeSubDomains(true)))
                .build();
    }
}
