package dev.keyhold.keys.local;

import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.PrivateKeyMaterial;
import dev.keyhold.support.CsrRequests;
import dev.keyhold.support.KeyholdApiTest;
import dev.keyhold.support.V4Client;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drives every endpoint of the running application (successes, refusals, deletes, metrics, health, the OpenAPI
 * document) and then looks for the real private keys it generated, in every form they could take, in every response
 * body and in everything the application logged.
 */
@KeyholdApiTest
@ExtendWith(OutputCaptureExtension.class)
class KeyMaterialLeakTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${keyhold.data-dir}")
    Path dataDir;

    @Test
    void noResponseOrLogLineContainsPrivateKeyMaterial(CapturedOutput output) {
        V4Client api = V4Client.operator(this.port);
        String account = api.get("/accounts").result().get(0).get("id").asString();
        String zone = api.post(
                        "/zones",
                        Map.of("name", "leak" + System.nanoTime() + ".keyhold.dev", "account", Map.of("id", account)))
                .result()
                .get("id")
                .asString();
        List<PrivateKeyMaterial> keys = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (String scope : List.of("/zones/" + zone, "/accounts/" + account)) {
            for (String type : List.of("rsa2048", "p256v1")) {
                V4Client.Response r = api.post(scope + "/custom_csrs", CsrRequests.body(type, "a.keyhold.dev"));
                String id = r.result().get("id").asString();
                created.add(scope + "/custom_csrs/" + id);
                keys.add(material(id));
                api.get(scope + "/custom_csrs/" + id);
            }
            api.get(scope + "/custom_csrs");
            api.post(scope + "/custom_csrs", "{\"country\": \"US\"");
            api.post(scope + "/custom_csrs", Map.of("sans", List.of("bad_name")));
        }
        String token = api.post(
                        "/accounts/" + account + "/tokens",
                        Map.of(
                                "name",
                                "leak",
                                "policies",
                                List.of(Map.of(
                                        "effect",
                                        "allow",
                                        "permission_groups",
                                        List.of(Map.of("id", "7b7216b327b04b8fbc8f524e1f9b7531")),
                                        "resources",
                                        Map.of("com.cloudflare.api.account.zone." + zone, "*")))))
                .result()
                .get("value")
                .asString();
        api.bearer(token).get("/zones/" + zone + "/custom_csrs");
        api.bearer(token).get("/user/tokens/verify");
        api.get("/accounts/" + account + "/tokens");
        api.get("/zones");
        api.get("/zones/" + zone);
        api.getOutsideApi("/actuator/prometheus");
        api.getOutsideApi("/actuator/health");
        api.getOutsideApi("/v3/api-docs");
        for (String csr : created) {
            api.delete(csr);
        }
        api.delete("/zones/" + zone);

        List<String> everything = new ArrayList<>(api.bodies());
        everything.add(output.getAll());
        for (PrivateKeyMaterial key : keys) {
            key.assertAbsentFrom(everything.toArray(String[]::new));
        }
    }

    /** The real private key behind a CSR, unsealed through a second reader of the same keystore, as a marker set. */
    private PrivateKeyMaterial material(String csrId) {
        KeyId keyId = new KeyId(this.jdbc
                .sql("select key_id from custom_csrs where id = :id")
                .param("id", csrId)
                .query(String.class)
                .single());
        SealedKeyRepository.Row row =
                new SealedKeyRepository(this.jdbc).find(keyId).orElseThrow();
        KekSettings settings = KekSettings.of(this.dataDir, null, null, null);
        SecureRandom random = new SecureRandom();
        KekPassword password = KekPassword.resolve(settings, random);
        try {
            KekStore keks = KekStore.openOrCreate(settings.keystore(), password, random);
            byte[] pkcs8 = new KeySealer(keks, random)
                    .unseal(keyId, row.type(), row.kekVersion(), row.publicKey(), row.sealed());
            return PrivateKeyMaterial.of(row.type(), pkcs8);
        } finally {
            password.wipe();
        }
    }
}
