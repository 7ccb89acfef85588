package dev.keyhold.api;

import dev.keyhold.auth.Principal;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires authentication into Spring MVC (every {@code /client/v4/**} route is authenticated) and limits the size of API
 * request bodies ({@code keyhold.api.max-body-size}, 1 MiB by default).
 */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    static {
        // the principal is resolved from the request, not a query parameter: keep it out of the OpenAPI document
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Principal.class);
    }

    private final ApiAuthentication authentication;

    private final RefusalAudit refusals;

    ApiWebConfiguration(ApiAuthentication authentication, RefusalAudit refusals) {
        this.authentication = authentication;
        this.refusals = refusals;
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // NOTE: needs Spring MVC's resolver
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
            @Value("${keyhold.api.max-body-size:1MB}") DataSize limit,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        if (limit.toBytes() <= 0) {
            throw new IllegalStateException(
                    "keyhold.api.max-body-size must be positive, such as 1MB (KEYHOLD_API_MAX_BODY_SIZE); got "
                            + limit);
        }
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(limit, resolver));
        registration.addUrlPatterns("/client/v4/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this.authentication).addPathPatterns("/client/v4/**");
        registry.addInterceptor(this.refusals).addPathPatterns("/client/v4/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PrincipalArgumentResolver());
    }
}
