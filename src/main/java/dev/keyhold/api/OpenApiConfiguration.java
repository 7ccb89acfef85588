package dev.keyhold.api;

import dev.keyhold.auth.Principal;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes Keyhold's own API for springdoc ({@code /v3/api-docs}, {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // NOTE: the principal is resolved from the credentials headers, not sent as a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Principal.class);
    }

    @Bean
    OpenAPI keyholdOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Keyhold API")
                        .description(
                                "Cloudflare v4-compatible custom CSR API: private keys are generated in Keyhold and never leave it.")
                        .version("v4"))
                .components(new Components()
                        .addSecuritySchemes(
                                "api_token",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer"))
                        .addSecuritySchemes(
                                "api_email",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-Auth-Email"))
                        .addSecuritySchemes(
                                "api_key",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-Auth-Key")))
                .addSecurityItem(new SecurityRequirement().addList("api_token"))
                .addSecurityItem(new SecurityRequirement().addList("api_email").addList("api_key"));
    }
}
