package dev.keyhold.web;

/**
 * The "Upload Custom SSL Certificate" form as posted. The private key is never put back into a page: a refused form
 * comes back with every other field as the user left it and an empty key field.
 */
public class CertificateForm {

    /** {@code csr} (Encoding mode "Certificate Signing Request (CSR)") or {@code key} (a PEM private key). */
    private String mode = "key";

    private String csrId = "";

    private String certificate = "";

    private String privateKey = "";

    /** {@code ubiquitous} (Compatible), {@code optimal} (Modern) or {@code force} (User-defined). */
    private String bundleMethod = "ubiquitous";

    /** {@code legacy_custom} (legacy client support) or {@code sni_custom} (modern clients only). */
    private String type = "sni_custom";

    boolean usesCsr() {
        return "csr".equals(this.mode);
    }

    public String getMode() {
        return this.mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getCsrId() {
        return this.csrId;
    }

    public void setCsrId(String csrId) {
        this.csrId = csrId;
    }

    public String getCertificate() {
        return this.certificate;
    }

    public void setCertificate(String certificate) {
        this.certificate = certificate;
    }

    /** Always empty when read by a page: the key is write-only. */
    public String getPrivateKey() {
        return "";
    }

    String privateKey() {
        return this.privateKey;
    }

    public void setPrivateKey(String privateKey) {
        this.privateKey = privateKey;
    }

    public String getBundleMethod() {
        return this.bundleMethod;
    }

    public void setBundleMethod(String bundleMethod) {
        this.bundleMethod = bundleMethod;
    }

    public String getType() {
        return this.type;
    }

    public void setType(String type) {
        this.type = type;
    }

    @Override
    public String toString() {
        return "CertificateForm[mode=" + this.mode + ", csrId=" + this.csrId + "]";
    }
}
