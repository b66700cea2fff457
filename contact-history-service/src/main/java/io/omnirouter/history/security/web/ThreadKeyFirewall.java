package io.omnirouter.history.security.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall, except that it lets a percent-encoded '%' through: thread keys are made of the
 * ids adapters send (a chat session id, a Message-ID), which may contain '%', and the thread endpoint takes the key
 * in its path. Refused, such a conversation could never be opened (hostile corpus kind format-strings-in-ids). No
 * part of this service decodes a path twice, which is the attack the default guards against; every other rule of the
 * strict firewall stays.
 */
@Configuration(proxyBeanMethods = false)
class ThreadKeyFirewall {

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }
}
