package dev.keyhold.api;

import dev.keyhold.auth.Principal;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires authentication into Spring MVC: every {@code /client/v4/**} route is authenticated. */
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
