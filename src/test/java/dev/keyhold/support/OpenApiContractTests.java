package dev.keyhold.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Message;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenApiContractTests {

    private static final String ZONE_CSRS = "/zones/{zone_id}/custom_csrs";
    private static final String ACCOUNT_CSR = "/client/v4/accounts/0123456789abcdef0123456789abcdef/custom_csrs/"
            + "7b163417-1d2b-4c84-a38a-2fb7a0cd7752";

    private static final String CSR =
            """
            {"id":"7b163417-1d2b-4c84-a38a-2fb7a0cd7752","common_name":"app.keyhold.dev","country":"US",
             "state":"California","locality":"San Francisco","organization":"Example Inc","organizational_unit":"Edge",
             "sans":["app.keyhold.dev","www.keyhold.dev"],"key_type":"p256v1","created_at":"2026-11-23T19:07:12.531995Z",
             "csr":"-----BEGIN CERTIFICATE REQUEST-----\\nMIIB...\\n-----END CERTIFICATE REQUEST-----\\n"}""";

    private final OpenApiContract contract = OpenApiContract.cloudflare();

    @Test
    void acceptsACreatedZoneCsrInTheEnvelope() {
        assertThatCode(() -> contract.assertResponse("POST", ZONE_CSRS, 201, success(CSR)))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsAnAccountCsrAtAConcretePathWithTheBasePath() {
        String csr = CSR.replace(
                "{\"id\"",
                "{\"account_tag\":\"0123456789abcdef0123456789abcdef\",\"name\":\"edge\","
                        + "\"description\":\"for the edge\",\"id\"");
        assertThat(contract.check("GET", ACCOUNT_CSR, 200, success(csr)).hasErrors())
                .isFalse();
    }

    @Test
    void rejectsACsrBreakingTheSchemaWithTheValidatorsMessages() {
        String bad = CSR.replace("\"p256v1\"", "\"rsa4096\"")
                .replace("7b163417-1d2b-4c84-a38a-2fb7a0cd7752", "7b163417-1d2b-4c84-a38a-2fb7a0cd7752-0")
                .replace("2026-11-23T19:07:12.531995Z", "yesterday");

        assertThatThrownBy(() -> contract.assertResponse("POST", ZONE_CSRS, 201, success(bad)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("validation.response.body.schema.enum")
                .hasMessageContaining("\"rsa4096\"")
                .hasMessageContaining("validation.response.body.schema.maxLength")
                .hasMessageContaining("validation.response.body.schema.format.date-time")
                .hasMessageContaining("/result/created_at");
    }

    @Test
    void rejectsACsrWithoutItsRequiredIdOrWithCamelCaseFields() {
        String noId = CSR.replace("\"id\":\"7b163417-1d2b-4c84-a38a-2fb7a0cd7752\",", "");
        String camel = CSR.replace("\"common_name\"", "\"commonName\"");

        assertThat(keys(contract.check("POST", ZONE_CSRS, 201, success(noId))))
                .contains("validation.response.body.schema.required");
        assertThat(keys(contract.check("POST", ZONE_CSRS, 201, success(camel))))
                .contains("validation.response.body.schema.additionalProperties");
    }

    @Test
    void acceptsADocumentedErrorEnvelope() {
        assertThat(contract.check(
                                "GET",
                                ACCOUNT_CSR,
                                404,
                                failure("{\"code\":1419,\"message\":\"The custom CSR was not found.\"}"))
                        .hasErrors())
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            success true on an error | {"success":true,"errors":[{"code":1412,"message":"x"}],"messages":[],"result":null} | validation.response.body.schema.enum
            a result on an error     | {"success":false,"errors":[{"code":1412,"message":"x"}],"messages":[],"result":{}} | validation.response.body.schema.enum
            no error at all          | {"success":false,"errors":[],"messages":[],"result":null}                          | keyhold.response.body.errors.empty
            a code below 1000        | {"success":false,"errors":[{"code":400,"message":"x"}],"messages":[],"result":null} | validation.response.body.schema.minimum
            no messages array        | {"success":false,"errors":[{"code":1412,"message":"x"}],"result":null}             | validation.response.body.schema.required
            """)
    void rejectsAnErrorEnvelopeThatBreaksTheContract(String what, String body, String expectedKey) {
        assertThat(keys(contract.check("POST", ZONE_CSRS, 400, body))).contains(expectedKey);
    }

    @Test
    void rejectsAStatusTheOperationDoesNotDeclare() {
        assertThat(keys(contract.check("POST", ZONE_CSRS, 200, success(CSR))))
                .containsExactly("validation.response.status.unknown");
    }

    @Test
    void rejectsAPathOutsideTheContract() {
        assertThat(keys(contract.check("GET", "/client/v4/zones/abc/not_there", 200, success("{}"))))
                .containsExactly("validation.request.path.missing");
    }

    @Test
    void acceptsAPagePastTheEndAndRejectsAListWhoseResultIsNotAnArray() {
        String empty = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[],"
                + "\"result_info\":{\"page\":3,\"per_page\":5,\"count\":0,\"total_count\":7,\"total_pages\":2}}";
        String notAList = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + CSR + "}";

        assertThat(contract.check("GET", ZONE_CSRS, 200, empty).hasErrors()).isFalse();
        assertThat(keys(contract.check("GET", ZONE_CSRS, 200, notAList)))
                .contains("validation.response.body.schema.type");
    }

    @Test
    void letsErrorChainThroughOnlyByItsNamedWhitelistEntry() {
        String chained = failure("{\"code\":6003,\"message\":\"Invalid request headers\","
                + "\"error_chain\":[{\"code\":6111,\"message\":\"Invalid format for Authorization header\"}]}");
        String other = failure("{\"code\":6003,\"message\":\"Invalid request headers\",\"hint\":\"x\"}");

        ValidationReport report = contract.check("GET", ZONE_CSRS, 400, chained);
        assertThat(report.hasErrors()).isFalse();
        assertThat(OpenApiContract.describe(report)).contains("whitelisted by errors[].error_chain");
        assertThat(keys(contract.check("GET", ZONE_CSRS, 400, other)))
                .contains("validation.response.body.schema.additionalProperties");
    }

    private static final String HOSTNAMES = "/zones/{zone_id}/custom_hostnames";

    private static final String HOSTNAME =
            """
            {"id":"0d89c70d-ad9f-4843-b99f-6cc0252067e9","hostname":"app.customer.dev","status":"pending",
             "ssl":{"id":"2458ce5a-0c35-4c7f-82c7-8e9487d3ff60","type":"dv","method":"http","status":"active",
                    "bundle_method":"ubiquitous","settings":{}},
             "custom_metadata":{"customer":"42","tier":"gold"},"created_at":"2026-06-01T12:00:00.123456Z"}""";

    @Test
    void acceptsACreatedHostnameWithItsUuidAndMetadataByTheNamedQuirks() {
        ValidationReport report = contract.check("POST", HOSTNAMES, 201, success(HOSTNAME));
        assertThat(report.hasErrors()).as(OpenApiContract.describe(report)).isFalse();
        assertThat(OpenApiContract.describe(report))
                .contains("whitelisted by custom certificate and hostname ids are 36-character UUIDs")
                .contains("whitelisted by custom_metadata is a string map");
        String deleted = "{\"id\":\"0d89c70d-ad9f-4843-b99f-6cc0252067e9\"}";
        assertThat(contract.check("DELETE", HOSTNAMES + "/{custom_hostname_id}", 200, deleted)
                        .hasErrors())
                .isFalse();
    }

    @Test
    void stillChecksAHostnameBodyAgainstTheSpec() {
        String longId =
                HOSTNAME.replace("0d89c70d-ad9f-4843-b99f-6cc0252067e9", "0d89c70d-ad9f-4843-b99f-6cc0252067e9x");
        String badStatus = HOSTNAME.replace("\"status\":\"pending\"", "\"status\":\"sleeping\"");
        String otherField = HOSTNAME.replace("\"hostname\"", "\"host_name\"");

        assertThat(keys(contract.check("POST", HOSTNAMES, 201, success(longId))))
                .contains("validation.response.body.schema.maxLength");
        assertThat(keys(contract.check("POST", HOSTNAMES, 201, success(badStatus))))
                .contains("validation.response.body.schema.enum");
        assertThat(keys(contract.check("GET", HOSTNAMES + "/{custom_hostname_id}", 200, success(otherField))))
                .contains("validation.response.body.schema.additionalProperties");
        assertThat(keys(contract.check("POST", HOSTNAMES, 202, success(HOSTNAME))))
                .containsExactly("validation.response.status.unknown");
        assertThat(keys(contract.check(
                        "POST", ZONE_CSRS.replace("custom_csrs", "custom_certificates"), 201, success("{}"))))
                .as("only hostname creation is checked as 200")
                .containsExactly("validation.response.status.unknown");
    }

    @Test
    void fillsTemplateVariablesAndAddsTheBasePath() {
        assertThat(OpenApiContract.concretePath("/zones/{zone_id}/custom_csrs/{custom_csr_id}"))
                .isEqualTo(
                        "/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/custom_csrs/023e105f4ecef8ad9ca31a8372d0c353");
        assertThat(OpenApiContract.concretePath("/client/v4/accounts/abc/custom_csrs"))
                .isEqualTo("/client/v4/accounts/abc/custom_csrs");
    }

    private static String success(String result) {
        return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":" + result + "}";
    }

    private static String failure(String error) {
        return "{\"success\":false,\"errors\":[" + error + "],\"messages\":[],\"result\":null}";
    }

    private static List<String> keys(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(Message::getKey)
                .toList();
    }
}
