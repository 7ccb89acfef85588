package dev.keyhold.dns;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How strictly {@link DnsNameRules} judges names; pick one per deployment with {@link #fromSetting(String)}. */
public enum NamePolicy {

    /**
     * The default: every rule Cloudflare applies, so only names a public CA could certify are accepted.
     */
    CLOUDFLARE,

    /**
     * For customers of a private CA: syntax and ASCII are still enforced, but single-label names, reserved and
     * special-use TLDs, example domains, unknown TLDs and names not under a public suffix are accepted.
     */
    PRIVATE;

    /** The value that names this policy in configuration: {@code cloudflare} or {@code private}. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The policy named by a configuration value, ignoring case.
     *
     * @throws IllegalArgumentException naming the valid values when the setting names no policy
     */
    public static NamePolicy fromSetting(String setting) {
        for (NamePolicy policy : values()) {
            if (policy.setting().equalsIgnoreCase(setting)) {
                return policy;
            }
        }
        String valid = Arrays.stream(values()).map(NamePolicy::setting).collect(Collectors.joining(", "));
        String given = (setting != null) ? "\"" + setting + "\" is not a DNS name policy" : "no DNS name policy is set";
        throw new IllegalArgumentException(given + "; use one of: " + valid);
    }
}
