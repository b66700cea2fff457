package io.omnirouter.history.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agent API's OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): every
 * operation needs HTTP Basic (configured users) or a bearer token (JWT mode); the console's session cookie
 * works too, which is how Swagger UI is used after logging in to the console.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";

    @Bean
    OpenAPI agentApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Omnirouter agent API")
                        .version("v1")
                        .description("""
                                One customer, one history: look customers up by any identifier, read their unified timeline, \
                                conversations and merge lineage, follow what happens live. Roles: AGENT, SUPERVISOR and OPS \
                                read; changes to customers (unmerge) need SUPERVISOR; /api/ops/** needs OPS. Errors are \
                                RFC 9457 problem details (401 without credentials, 403 for a role that may not, 404 for an \
                                unknown customer, 400 with the reason for bad parameters)."""))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("a user of omnirouter.security.users (or the local users agent, supervisor, ops)"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT")
                                .description("omnirouter.security.mode=jwt: a token of the configured issuer with the roles claim")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
