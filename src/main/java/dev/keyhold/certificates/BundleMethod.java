package dev.keyhold.certificates;

import java.util.Arrays;
import java.util.Optional;

/** How Keyhold chooses the chain it serves with a leaf, named as Cloudflare's {@code bundle_method}. */
public enum BundleMethod {

    /**
     * Compatible (Cloudflare's default): the path the JDK's PKIX builder finds from the uploaded certificates and the
     * intermediates Keyhold knows. Keyhold has no per-client ubiquity data, so it does not rank paths further.
     */
    UBIQUITOUS("ubiquitous"),

    /** Modern: the shortest valid path (fewest intermediates) from the same pool as {@link #UBIQUITOUS}. */
    OPTIMAL("optimal"),

    /** User-defined: the uploaded chain exactly as given after the leaf; it must lead to a trust anchor. */
    FORCE("force");

    private final String apiName;

    BundleMethod(String apiName) {
        this.apiName = apiName;
    }

    /** The wire name: {@code ubiquitous}, {@code optimal} or {@code force}. */
    public String apiName() {
        return this.apiName;
    }

    /** The method with this wire name (exact, lower case), if any; the API answers 1449 for anything else. */
    public static Optional<BundleMethod> fromApiName(String name) {
        return Arrays.stream(values()).filter(m -> m.apiName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return this.apiName;
    }
}
