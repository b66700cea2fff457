package io.omnirouter.history.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

/**
 * The agent API's OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): every
 * operation needs HTTP Basic (configured users) or a bearer token (JWT mode); the console's session cookie
 * works too, which is how Swagger UI is used after logging in to the console.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";
    /** The schema of every error response. */
    static final String PROBLEM = "Problem";

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

    /**
     * The errors every operation of the API can answer, as RFC 9457 problem details, declared once here rather than on
     * each method: 401 and 403 on all of them (the security filter answers those before any controller), 400 on every
     * operation that takes parameters or a body (RequestParameters and the problem handler name the bad one), 404 on every
     * operation addressing one thing by id in its path. An operation's own description of one of these (say, what its 400
     * is about) is kept.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM, new ObjectSchema().description("RFC 9457 problem details")
                    .addProperty("type", new StringSchema().format("uri"))
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema().format("uri")));
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                operation.setResponses(responses);
                addProblem(responses, "401", "no or wrong credentials (problem details)");
                addProblem(responses, "403", "the user's roles may not do this (problem details)");
                boolean takesInput = (operation.getParameters() != null && !operation.getParameters().isEmpty())
                        || operation.getRequestBody() != null;
                if (takesInput) {
                    addProblem(responses, "400", "a malformed or missing parameter or body, named in the problem (problem details)");
                }
                if (path.contains("{")) {
                    addProblem(responses, "404", "nothing with the id in the path (problem details)");
                }
            }));
        };
    }

    private static void addProblem(ApiResponses responses, String status, String description) {
        responses.computeIfAbsent(status, code -> new ApiResponse().description(description));
        // Every error answers a problem, whatever springdoc inferred from the method's return type.
        responses.forEach((code, response) -> {
            if (code.startsWith("4")) {
                response.setContent(new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new io.swagger.v3.oas.models.media.MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            }
        });
    }
}
