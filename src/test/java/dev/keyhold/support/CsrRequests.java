package dev.keyhold.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Bodies of create-CSR requests for tests: valid by default, mutable so a test can break one field. */
public final class CsrRequests {

    private CsrRequests() {}

    /** A valid body whose common name is the first SAN; {@code keyType} null leaves {@code key_type} out. */
    public static Map<String, Object> body(String keyType, String... sans) {
        Map<String, Object> body = new HashMap<>();
        body.put("country", "US");
        body.put("state", "California");
        body.put("locality", "San Francisco");
        body.put("organization", "Example Inc");
        body.put("organizational_unit", "Edge");
        body.put("common_name", sans[0]);
        body.put("sans", List.of(sans));
        if (keyType != null) {
            body.put("key_type", keyType);
        }
        return body;
    }
}
