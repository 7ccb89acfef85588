package dev.keyhold.web;

import dev.keyhold.csr.CsrRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Generate CSR" form as posted: every field as typed, so a refused form comes back as the user left it. The
 * rules are the API's ({@code CustomCsrs.validate}); this class only carries the values.
 */
public class CsrForm {

    /** {@code zone} or {@code account}. */
    private String scope = "zone";

    private String commonName = "";

    private List<String> sans = new ArrayList<>(List.of(""));

    private String country = "";

    private String state = "";

    private String locality = "";

    private String organization = "";

    private String organizationalUnit = "";

    private String keyType = "rsa2048";

    private String name = "";

    private String description = "";

    /** The request for the CSR rules: blank optional fields and blank SAN rows are left out. */
    CsrRequest toRequest() {
        List<String> names = this.sans == null
                ? List.of()
                : this.sans.stream().filter(s -> s != null && !s.isBlank()).toList();
        return new CsrRequest(
                this.country,
                this.state,
                this.locality,
                this.organization,
                blankToNull(this.organizationalUnit),
                this.commonName,
                names,
                this.keyType,
                isAccount() ? blankToNull(this.name) : null,
                isAccount() ? blankToNull(this.description) : null);
    }

    boolean isAccount() {
        return "account".equals(this.scope);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public String getScope() {
        return this.scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public String getCommonName() {
        return this.commonName;
    }

    public void setCommonName(String commonName) {
        this.commonName = commonName;
    }

    public List<String> getSans() {
        return this.sans;
    }

    public void setSans(List<String> sans) {
        this.sans = sans == null || sans.isEmpty() ? new ArrayList<>(List.of("")) : new ArrayList<>(sans);
    }

    public String getCountry() {
        return this.country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public String getState() {
        return this.state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getLocality() {
        return this.locality;
    }

    public void setLocality(String locality) {
        this.locality = locality;
    }

    public String getOrganization() {
        return this.organization;
    }

    public void setOrganization(String organization) {
        this.organization = organization;
    }

    public String getOrganizationalUnit() {
        return this.organizationalUnit;
    }

    public void setOrganizationalUnit(String organizationalUnit) {
        this.organizationalUnit = organizationalUnit;
    }

    public String getKeyType() {
        return this.keyType;
    }

    public void setKeyType(String keyType) {
        this.keyType = keyType;
    }

    public String getName() {
        return this.name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return this.description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
