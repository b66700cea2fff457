package io.omnirouter.support.instance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class InstanceAutoConfigurationTest {

    private final WebApplicationContextRunner contexts = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(InstanceAutoConfiguration.class));

    @Test
    void everyResponseNamesTheInstanceThatAnswered() {
        contexts.withPropertyValues("omnirouter.instance.id=local-2").run(context -> {
            InstanceHeaderFilter filter = (InstanceHeaderFilter) context.getBean(FilterRegistrationBean.class).getFilter();
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health"), response, new MockFilterChain());

            assertThat(response.getHeader(InstanceHeaderFilter.HEADER)).isEqualTo("local-2");
            assertThat(context.getBean(HealthIndicator.class).health(true).getDetails()).containsEntry("id", "local-2");
        });
    }

    @Test
    void anInstanceIdThatCannotGoIntoAHeaderStopsTheStartNamingTheSetting() {
        contexts.withPropertyValues("omnirouter.instance.id=router 1\r\nX-Injected: yes").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("omnirouter.instance"));
    }

    @Test
    void aProcessWithoutAConfiguredIdGetsOneRandomIdForItsLifetime() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "router-service")
                .withProperty(InstanceIdDefault.PROPERTY, "");
        new InstanceIdDefault().postProcessEnvironment(environment, null);

        String id = environment.getProperty(InstanceIdDefault.PROPERTY);
        assertThat(id).matches("router-service-[0-9a-f]{8}");
        assertThat(environment.getProperty(InstanceIdDefault.PROPERTY)).isEqualTo(id);
    }

    @Test
    void aConfiguredIdIsKept() {
        MockEnvironment environment = new MockEnvironment().withProperty(InstanceIdDefault.PROPERTY, "compose-1");
        new InstanceIdDefault().postProcessEnvironment(environment, null);

        assertThat(environment.getProperty(InstanceIdDefault.PROPERTY)).isEqualTo("compose-1");
    }
}
