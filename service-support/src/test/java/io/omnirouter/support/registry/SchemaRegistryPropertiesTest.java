package io.omnirouter.support.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.serde.SchemaRegistryClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SchemaRegistryPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SchemaRegistryAutoConfiguration.class))
            .withPropertyValues("omnirouter.schema-registry.connect-timeout=1s", "omnirouter.schema-registry.request-timeout=1s");

    @Test
    void aValidUrlMakesTheClient() {
        context.withPropertyValues("omnirouter.schema-registry.url=http://localhost:8081/apis/ccompat/v7")
                .run(started -> assertThat(started).hasSingleBean(SchemaRegistryClient.class));
    }

    @Test
    void credentialsComeFromTheirOwnSetting() {
        context.withPropertyValues("omnirouter.schema-registry.url=https://registry.example.com",
                        "omnirouter.schema-registry.basic-auth-user-info=svc:secret")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(SchemaRegistryProperties.class).toString()).doesNotContain("secret");
                });
    }

    @Test
    void startupFailsNamingTheSettingWhenItIsMissing() {
        context.run(started -> assertThat(started).getFailure().hasStackTraceContaining("omnirouter.schema-registry.url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:8081", "ftp://registry", "http://user:secret@registry:8081"})
    void startupFailsNamingTheSettingWhenItIsNoHttpUrl(String url) {
        context.withPropertyValues("omnirouter.schema-registry.url=" + url)
                .run(started -> {
                    assertThat(started).getFailure().hasStackTraceContaining("omnirouter.schema-registry.url");
                    StringWriter trace = new StringWriter();
                    started.getStartupFailure().printStackTrace(new PrintWriter(trace));
                    assertThat(trace.toString()).doesNotContain("secret");
                });
    }
}
