package dev.keyhold.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses count as public for webhooks: every special-purpose range that leads inside a network does not. */
class WebhookAddressesTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3",
                "127.0.0.1",
                "127.255.0.9",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "100.127.255.255",
                "192.0.0.8",
                "198.18.0.1",
                "198.19.255.255",
                "224.0.0.1",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "fe80::1",
                "fec0::1",
                "fc00::1",
                "fd12:3456::1",
                "ff02::1",
                "::ffff:10.0.0.1",
                "::10.0.0.1",
                "2002:a00:1::",
                "2001:0:4136:e378:8000:63bf:f5ff:fffe",
                "64:ff9b::7f00:1",
                "64:ff9b::a9fe:a9fe",
            })
    void privateLoopbackLinkLocalAndReservedAddressesAreNotPublic(String address) {
        assertThat(WebhookAddresses.isPublic(InetAddresses.forString(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.1.1.1",
                "8.8.8.8",
                "172.15.255.255",
                "172.32.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "192.0.1.1",
                "198.20.0.1",
                "198.51.100.7",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "2001:db8::1",
                "::ffff:8.8.8.8",
                "2002:808:808::",
                "64:ff9b::808:808",
            })
    void otherAddressesArePublic(String address) {
        assertThat(WebhookAddresses.isPublic(InetAddresses.forString(address))).isTrue();
    }
}
