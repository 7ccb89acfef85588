package dev.keyhold.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keyhold.support.HostileInput;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hostile query strings against the list endpoints' parameter parsing: {@link PageRequest}, {@link HostnameFilters}
 * and the account CSR list's {@code order}/{@code direction}. Each input is a raw query string (the seeds read like
 * {@code page=2&per_page=50&order=name}); parsing ends in a value or an {@link InvalidParameterException} or
 * {@link InvalidRequestException}, which the API answers with 400, never in anything else.
 */
class QueryParametersFuzzTests {

    private static final List<Class<? extends RuntimeException>> REFUSED =
            List.of(InvalidParameterException.class, InvalidRequestException.class);

    @FuzzTest(maxDuration = "30s")
    void parsesAnyListQueryOrRefusesIt(byte[] input) {
        Map<String, String> q = query(HostileInput.text(input));
        for (int max : new int[] {PageRequest.MAX_PER_PAGE, 1000}) {
            PageRequest page =
                    HostileInput.check(() -> PageRequest.of(q.get("page"), q.get("per_page"), 20, max), REFUSED);
            if (page != null) {
                assertThat(page.page()).isPositive();
                assertThat(page.perPage()).isBetween(PageRequest.MIN_PER_PAGE, max);
                assertThat(page.offset()).isNotNegative();
            }
        }
        HostileInput.check(() -> CustomCsrsController.order(q.get("order"), q.get("direction")), REFUSED);
        var hostnames = HostileInput.check(
                () -> HostnameFilters.parse(
                        q.get("id"),
                        q.get("hostname"),
                        q.get("hostname.exact"),
                        q.get("hostname.contain"),
                        q.get("hostname.startsWith"),
                        q.get("ssl"),
                        q.get("ssl_status"),
                        q.get("hostname_status"),
                        q.get("order"),
                        q.get("direction")),
                REFUSED);
        if (hostnames != null && hostnames.hostname() != null) {
            assertThat(hostnames.hostname()).isEqualTo(hostnames.hostname().trim());
        }
    }

    /** The first value of each parameter, decoded as a servlet container would; a bad escape stays as sent. */
    private static Map<String, String> query(String text) {
        Map<String, String> values = new HashMap<>();
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            return text;
        }
    }
}
