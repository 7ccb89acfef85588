package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyhold.support.MutableClock;
import dev.keyhold.support.OpenApiContract;
import dev.keyhold.support.TestCa;
import dev.keyhold.support.V4Client;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class CustomHostnamesListApiTests extends HostnameApiTest {

    private static final OpenApiContract CONTRACT = OpenApiContract.cloudflare();

    @Autowired
    MutableClock clock;

    String active;

    String pending;

    String bare;

    @BeforeEach
    void threeKindsOfHostname() {
        String activeHost = "abc." + this.base;
        Csr csr = zoneCsr(activeHost);
        this.active =
                createWithCsr(activeHost, csr, chainFor(csr)).result().get("id").asString();
        this.pending = this.api
                .post(hostnames(), body("axc." + this.base, Map.of("method", "http")))
                .result()
                .get("id")
                .asString();
        this.bare = this.api
                .post(hostnames(), body("www.a-c." + this.base, null))
                .result()
                .get("id")
                .asString();
    }

    @AfterEach
    void resetClock() {
        this.clock.set(TestCa.NOW);
    }

    @Test
    void filtersByExactContainedAndLeadingTextWithDottedWireNames() {
        assertThat(ids("?hostname.exact=abc." + this.base)).containsExactly(this.active);
        assertThat(ids("?hostname=ABC." + this.base))
                .as("legacy hostname is exact")
                .containsExactly(this.active);
        assertThat(ids("?hostname.contain=a-c")).containsExactly(this.bare);
        assertThat(ids("?hostname.contain=c." + this.base))
                .containsExactlyInAnyOrder(this.active, this.pending, this.bare);
        assertThat(ids("?hostname.startsWith=ax")).containsExactly(this.pending);
        assertThat(ids("?hostname.startsWith=" + this.base)).isEmpty();
        assertThat(ids("?hostname.exact=" + this.base)).isEmpty();
    }

    @Test
    void matchesPercentUnderscoreAndDotsLiterally() {
        assertThat(ids("?hostname.contain=%25")).isEmpty();
        assertThat(ids("?hostname.contain=_")).isEmpty();
        assertThat(ids("?hostname.startsWith=a_c")).isEmpty();
        assertThat(ids("?hostname.startsWith=a%25")).isEmpty();
        assertThat(ids("?hostname.contain=b.c")).isEmpty();
        assertThat(ids("?hostname.contain=a%5C"))
                .as("a backslash is no escape either")
                .isEmpty();
    }

    @Test
    void filtersByIdAloneAndRefusesIdWithOtherFilters() {
        assertThat(ids("?id=" + this.pending)).containsExactly(this.pending);
        V4Client.Response both = list("?id=" + this.pending + "&hostname.exact=axc." + this.base);
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.errorCode()).isEqualTo(1438);
        CONTRACT.assertResponse("GET", hostnames(), 400, both.body());
        assertThat(list("?id=" + this.pending + "&ssl_status=active").errorCode())
                .isEqualTo(1438);
        assertThat(list("?id=nope").errorCode()).isEqualTo(1435);
        V4Client.Response two = list("?hostname.exact=a&hostname.contain=b");
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.errorMessage()).contains("hostname.exact", "hostname.contain");
        assertThat(list("?hostname.contain=" + "a".repeat(256)).errorCode()).isEqualTo(1437);
    }

    @Test
    void filtersBySslPresenceSslStatusAndHostnameStatus() {
        assertThat(ids("?ssl=1")).containsExactlyInAnyOrder(this.active, this.pending);
        assertThat(ids("?ssl=0")).containsExactly(this.bare);
        assertThat(ids("?ssl_status=active")).containsExactly(this.active);
        assertThat(ids("?ssl_status=pending_validation")).containsExactly(this.pending);
        assertThat(ids("?ssl_status=expired")).isEmpty();
        assertThat(ids("?hostname_status=pending")).hasSize(3);
        assertThat(ids("?hostname_status=active")).isEmpty();
        assertThat(list("?ssl=2").status()).isEqualTo(400);
        assertThat(list("?ssl_status=shiny").status()).isEqualTo(400);
        assertThat(list("?hostname_status=shiny").status()).isEqualTo(400);

        this.clock.set(TestCa.NOW.plus(TestCa.days(91)));
        assertThat(ids("?ssl_status=expired")).containsExactly(this.active);
        assertThat(ids("?ssl_status=active")).isEmpty();
        assertThat(this.api
                        .get(hostname(this.active))
                        .result()
                        .get("ssl")
                        .get("status")
                        .asString())
                .isEqualTo("expired");
    }

    @Test
    void ordersBySslAndSslStatusInBothDirections() {
        assertThat(ids("?order=ssl_status&ssl=1")).containsExactly(this.active, this.pending);
        assertThat(ids("?order=ssl_status&direction=desc&ssl=1")).containsExactly(this.pending, this.active);
        assertThat(ids("?order=ssl").get(2)).isEqualTo(this.bare);
        assertThat(ids("?order=ssl&direction=desc").get(0)).isEqualTo(this.bare);
        assertThat(list("?order=hostname").status()).isEqualTo(400);
        assertThat(list("?direction=sideways").status()).isEqualTo(400);
    }

    @Test
    void pagesUpToAThousandAndAnswersEmptyPastTheEnd() {
        for (int i = 0; i < 4; i++) {
            this.api.post(hostnames(), body("p" + i + "." + this.base, null));
        }
        V4Client.Response first = list("?per_page=5");
        CONTRACT.assertResponse("GET", hostnames(), 200, first.body());
        JsonNode info = first.json().get("result_info");
        assertThat(info.get("count").asInt()).isEqualTo(5);
        assertThat(info.get("total_count").asInt()).isEqualTo(7);
        assertThat(info.get("total_pages").asInt()).isEqualTo(2);
        Set<String> seen = new HashSet<>(ids("?per_page=5"));
        List<String> second = ids("?per_page=5&page=2");
        assertThat(second).hasSize(2);
        seen.addAll(second);
        assertThat(seen).hasSize(7);
        assertThat(list("?per_page=5&page=3").status()).isEqualTo(200);
        assertThat(ids("?per_page=5&page=3")).isEmpty();

        assertThat(ids("?per_page=1000")).hasSize(7);
        assertThat(list("?per_page=1000")
                        .json()
                        .get("result_info")
                        .get("per_page")
                        .asInt())
                .isEqualTo(1000);
        assertThat(list("?per_page=1001").status()).isEqualTo(400);
        assertThat(list("?per_page=4").status()).isEqualTo(400);
        assertThat(list("").json().get("result_info").get("per_page").asInt()).isEqualTo(20);
    }

    private V4Client.Response list(String query) {
        return this.api.get(hostnames() + query);
    }

    private List<String> ids(String query) {
        V4Client.Response r = list(query);
        assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.result().forEach(h -> ids.add(h.get("id").asString()));
        return ids;
    }
}
