package dev.keyhold.hostnames;

import dev.keyhold.certificates.BundleMethod;
import dev.keyhold.dns.DnsName;
import dev.keyhold.dns.DnsNameRules;
import dev.keyhold.dns.InvalidDnsNameException;
import dev.keyhold.dns.NameViolation;
import dev.keyhold.hostnames.InvalidHostnameRequestException.Reason;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The request rules of custom hostnames, each refusal naming its {@link Reason}. */
@Component
class HostnameRules {

    static final Set<String> METHODS = Set.of("http", "txt", "email");

    private static final Set<String> ON_OFF = Set.of("on", "off");

    private static final Set<String> TLS_VERSIONS = Set.of("1.0", "1.1", "1.2", "1.3");

    private final DnsNameRules names;

    HostnameRules(DnsNameRules names) {
        this.names = names;
    }

    DnsName hostname(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidHostnameRequestException(
                    Reason.HOSTNAME, NameViolation.SYNTAX, "hostname is required; send the customer's hostname");
        }
        try {
            return this.names.check(raw);
        } catch (InvalidDnsNameException ex) {
            throw new InvalidHostnameRequestException(
                    Reason.HOSTNAME, ex.violation(), "hostname " + quoted(raw) + ": " + ex.reason());
        }
    }

    String customOriginServer(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            DnsName name = this.names.check(raw);
            if (name.isWildcard()) {
                throw new InvalidHostnameRequestException(
                        Reason.CUSTOM_ORIGIN_SERVER,
                        NameViolation.SYNTAX,
                        "custom_origin_server cannot be a wildcard; name one origin host");
            }
            return name.value();
        } catch (InvalidDnsNameException ex) {
            throw new InvalidHostnameRequestException(
                    Reason.CUSTOM_ORIGIN_SERVER,
                    ex.violation(),
                    "custom_origin_server " + quoted(raw) + ": " + ex.reason());
        }
    }

    /** {@code :request_host_header:} or a host name of at most 253 printable ASCII characters; blank means none. */
    String customOriginSni(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String sni = raw.trim();
        if (!sni.equals(":request_host_header:") && !sni.matches("[A-Za-z0-9*._-]{1,253}")) {
            throw new InvalidHostnameRequestException(
                    Reason.CUSTOM_ORIGIN_SNI,
                    NameViolation.SYNTAX,
                    "custom_origin_sni " + quoted(raw) + " must be a host name or :request_host_header:");
        }
        return sni;
    }

    Map<String, String> customMetadata(Object raw, DnsName hostname) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new InvalidHostnameRequestException(
                    Reason.CUSTOM_METADATA, "custom_metadata must be a JSON object whose values are strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String value)) {
                throw new InvalidHostnameRequestException(
                        Reason.CUSTOM_METADATA,
                        "custom_metadata." + e.getKey() + " must be a string; encode other values as text");
            }
            metadata.put(String.valueOf(e.getKey()), value);
        }
        if (!metadata.isEmpty() && hostname.isWildcard()) {
            throw new InvalidHostnameRequestException(
                    Reason.CUSTOM_METADATA_ON_WILDCARD, "custom_metadata is not supported on wildcard hostnames");
        }
        return metadata;
    }

    String method(String raw) {
        if (!METHODS.contains(raw)) {
            throw new InvalidHostnameRequestException(
                    Reason.SSL_METHOD, "ssl.method " + quoted(raw) + " is not supported; use http, txt or email");
        }
        return raw;
    }

    String type(String raw) {
        if (!"dv".equals(raw)) {
            throw new InvalidHostnameRequestException(
                    Reason.SSL_TYPE, "ssl.type " + quoted(raw) + " is not supported; use dv");
        }
        return raw;
    }

    BundleMethod bundleMethod(String raw) {
        return BundleMethod.fromApiName(raw)
                .orElseThrow(() -> new InvalidHostnameRequestException(
                        Reason.SSL_BUNDLE_METHOD,
                        "ssl.bundle_method " + quoted(raw) + " is not supported; use ubiquitous, optimal or force"));
    }

    /** Cloudflare's {@code sslsettings}: ciphers, early_hints, http2, min_tls_version, tls_1_3 and nothing else. */
    Map<String, Object> settings(Map<String, Object> raw) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            Object value = e.getValue();
            switch (e.getKey()) {
                case "http2" -> settings.put("http2", onOff(value, Reason.SSL_HTTP2, "http2"));
                case "tls_1_3" -> settings.put("tls_1_3", onOff(value, Reason.SSL_TLS_1_3, "tls_1_3"));
                case "early_hints" -> settings.put("early_hints", onOff(value, Reason.SSL_ATTRIBUTE, "early_hints"));
                case "min_tls_version" -> {
                    if (!(value instanceof String v) || !TLS_VERSIONS.contains(v)) {
                        throw new InvalidHostnameRequestException(
                                Reason.SSL_MIN_TLS_VERSION,
                                "ssl.settings.min_tls_version must be \"1.0\", \"1.1\", \"1.2\" or \"1.3\"");
                    }
                    settings.put("min_tls_version", v);
                }
                case "ciphers" -> settings.put("ciphers", ciphers(value));
                default ->
                    throw new InvalidHostnameRequestException(
                            Reason.SSL_ATTRIBUTE,
                            "ssl.settings." + e.getKey()
                                    + " is not a setting; use ciphers, early_hints, http2, min_tls_version or tls_1_3");
            }
        }
        if (settings.containsKey("ciphers") && "1.3".equals(settings.get("min_tls_version"))) {
            throw new InvalidHostnameRequestException(
                    Reason.SSL_CIPHERS_WITH_TLS_1_3,
                    "ssl.settings.ciphers cannot be set with min_tls_version 1.3, whose ciphers are fixed");
        }
        return settings;
    }

    private static List<String> ciphers(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidHostnameRequestException(
                    Reason.SSL_CIPHERS, "ssl.settings.ciphers must be a non-empty list of BoringSSL cipher names");
        }
        Set<String> seen = new HashSet<>();
        for (Object cipher : list) {
            if (!(cipher instanceof String s) || !s.matches("[A-Za-z0-9_-]{1,64}") || !seen.add(s)) {
                throw new InvalidHostnameRequestException(
                        Reason.SSL_CIPHERS,
                        "ssl.settings.ciphers must hold distinct BoringSSL cipher names such as "
                                + "ECDHE-RSA-AES128-GCM-SHA256; " + quoted(String.valueOf(cipher)) + " is not one");
            }
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static String onOff(Object value, Reason reason, String name) {
        if (!(value instanceof String v) || !ON_OFF.contains(v)) {
            throw new InvalidHostnameRequestException(reason, "ssl.settings." + name + " must be \"on\" or \"off\"");
        }
        return v;
    }

    private static String quoted(String raw) {
        if (raw == null) {
            return "(missing)";
        }
        String shown = raw.length() > 80 ? raw.substring(0, 80) + "..." : raw;
        return "\"" + shown + "\"";
    }
}
