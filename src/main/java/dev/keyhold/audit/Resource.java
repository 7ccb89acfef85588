package dev.keyhold.audit;

/**
 * What an audited event acted on: a type such as {@code custom_csr} and the resource's id (a private key's id for key
 * use, an email for a user). The id may be null when the target is unknown (an unknown API token).
 */
public record Resource(String type, String id) {

    public static final String ACCOUNT = "account";

    public static final String ENTITLEMENTS = "entitlements";

    public static final String ZONE = "zone";

    public static final String CUSTOM_CSR = "custom_csr";

    public static final String CUSTOM_CERTIFICATE = "custom_certificate";

    public static final String CUSTOM_HOSTNAME = "custom_hostname";

    public static final String API_TOKEN = "api_token";

    public static final String USER = "user";

    public static final String MEMBERSHIP = "membership";

    public static final String PRIVATE_KEY = "private_key";

    public static final String WEBHOOK = "webhook";

    public Resource {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("an audited resource needs a type");
        }
    }

    public static Resource of(String type, Object id) {
        return new Resource(type, id == null ? null : id.toString());
    }
}
