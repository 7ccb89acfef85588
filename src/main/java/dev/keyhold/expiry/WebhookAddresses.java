package dev.keyhold.expiry;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where webhooks may go: to public addresses only, unless {@code KEYHOLD_WEBHOOK_ALLOW_PRIVATE_ADDRESSES} is set. A
 * webhook URL is chosen by an account's members, and Keyhold POSTs to it from inside the platform's network, so
 * without this rule a member could make Keyhold reach the database, a cloud metadata service or an internal admin
 * page. The host is resolved when the webhook is saved and again before every delivery (DNS may change in between);
 * every address it resolves to must be public. A host that does not resolve yet is accepted on save and fails on
 * delivery.
 */
final class WebhookAddresses {

    static final String SETTING = "KEYHOLD_WEBHOOK_ALLOW_PRIVATE_ADDRESSES";

    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private final boolean allowPrivate;

    WebhookAddresses(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** @throws InvalidWebhookException when the URL's host is or resolves to an address that is not public */
    void checkOnSave(URI url) {
        refusal(url).ifPresent(reason -> {
            throw new InvalidWebhookException("url", "url " + reason);
        });
    }

    /** Why a delivery to the URL must not be sent, or empty when it may. */
    Optional<String> refusal(URI url) {
        if (this.allowPrivate) {
            return Optional.empty();
        }
        String host = url.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException ex) {
            return Optional.empty();
        }
        return Arrays.stream(addresses)
                .filter(a -> !isPublic(a))
                .findFirst()
                .map(a -> "points at " + a.getHostAddress() + (host.equals(a.getHostAddress()) ? "" : " (" + host + ")")
                        + ", which is not a public address: Keyhold sends webhooks to public addresses only; to allow"
                        + " private ones (a receiver inside your network) set " + SETTING + "=true");
    }

    /**
     * Whether the address is public: not unspecified, loopback, link-local, private (RFC 1918, IPv6 unique local and
     * site-local), shared (100.64.0.0/10), multicast, benchmarking (198.18.0.0/15), IETF protocol (192.0.0.0/24) or
     * reserved (0.0.0.0/8, 240.0.0.0/4); IPv6 addresses that embed an IPv4 one (compatible, 6to4, Teredo, NAT64) are
     * judged by it.
     */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0
                    && !(first == 100 && (second & 0xc0) == 64)
                    && !(first == 192 && second == 0 && b[2] == 0)
                    && !(first == 198 && (second & 0xfe) == 18)
                    && first < 240;
        }
        Inet6Address v6 = (Inet6Address) address;
        if ((b[0] & 0xfe) == 0xfc) {
            return false;
        }
        if (InetAddresses.hasEmbeddedIPv4ClientAddress(v6)) {
            return isPublic(InetAddresses.getEmbeddedIPv4ClientAddress(v6));
        }
        if (Arrays.equals(b, 0, NAT64_PREFIX.length, NAT64_PREFIX, 0, NAT64_PREFIX.length)) {
            return isPublic(InetAddresses.fromInteger(
                    ((b[12] & 0xff) << 24) | ((b[13] & 0xff) << 16) | ((b[14] & 0xff) << 8) | (b[15] & 0xff)));
        }
        return true;
    }
}
