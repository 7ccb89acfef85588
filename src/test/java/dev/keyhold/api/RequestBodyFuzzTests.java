package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keyhold.csr.CsrRules;
import dev.keyhold.csr.InvalidCsrIdException;
import dev.keyhold.csr.InvalidCsrRequestException;
import dev.keyhold.csr.ValidCsrRequest;
import dev.keyhold.dns.DnsNameRules;
import dev.keyhold.dns.NamePolicy;
import dev.keyhold.support.HostileInput;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile JSON bodies through the API's binding and the features' request rules, as the controllers run them: bytes
 * to {@link CsrBody} to {@link CsrRules} (a {@link ValidCsrRequest} or an {@link InvalidCsrRequestException}), and
 * bytes to {@link CertificateBody} to its request. Unreadable JSON is a {@link JacksonException}, which Spring turns
 * into the 400 envelope; nothing else may escape. Complements {@code CsrFuzzApiTests}, which sends generated bodies
 * over HTTP.
 */
class RequestBodyFuzzTests {

    // NOTE: Spring Boot's mapper ignores unknown properties too
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final CsrRules RULES = new CsrRules(new DnsNameRules(NamePolicy.CLOUDFLARE));

    @FuzzTest(maxDuration = "30s")
    void bindsAnyCsrBodyToAValidRequestOrRefusesIt(byte[] input) {
        CsrBody body = HostileInput.check(() -> JSON.readValue(input, CsrBody.class), List.of(JacksonException.class));
        if (body == null) {
            return;
        }
        ValidCsrRequest request =
                HostileInput.check(() -> RULES.validate(body.toRequest()), List.of(InvalidCsrRequestException.class));
        if (request != null) {
            assertThat(request.sans()).hasSizeBetween(1, 150);
            assertThat(request.commonName()).isNotBlank();
            assertThat(request.commonName()
                            .codePointCount(0, request.commonName().length()))
                    .isLessThanOrEqualTo(64);
            assertThat(request.country()).hasSize(2);
            assertThat(request.keyType().generated()).isTrue();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void bindsAnyCertificateBodyOrRefusesIt(byte[] input) {
        CertificateBody body =
                HostileInput.check(() -> JSON.readValue(input, CertificateBody.class), List.of(JacksonException.class));
        if (body != null) {
            HostileInput.check(body::toRequest, List.of(InvalidRequestException.class, InvalidCsrIdException.class));
            assertThat(body.toString()).doesNotContain("PRIVATE" + " KEY");
        }
    }
}
