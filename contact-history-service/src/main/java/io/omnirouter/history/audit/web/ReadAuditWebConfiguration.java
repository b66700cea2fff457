package io.omnirouter.history.audit.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Records reads without a body to advise (the live stream) after their controller returned: see {@link RecordingCustomerReads}. */
@Configuration(proxyBeanMethods = false)
class ReadAuditWebConfiguration implements WebMvcConfigurer {

    private final RecordingCustomerReads recording;

    ReadAuditWebConfiguration(RecordingCustomerReads recording) {
        this.recording = recording;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(recording).addPathPatterns("/api/**");
    }
}
