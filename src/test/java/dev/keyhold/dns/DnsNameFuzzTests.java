package dev.keyhold.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keyhold.support.HostileInput;
import java.util.List;
import java.util.Locale;

/**
 * Hostile host names and SANs against {@link DnsNameRules} under both policies: each input is a checked
 * {@link DnsName} or an {@link InvalidDnsNameException}, never anything else. Seeds are in
 * {@code DnsNameFuzzTestsInputs/<method>/}; {@code fuzz/run.sh} fuzzes each method for a bounded time.
 */
class DnsNameFuzzTests {

    private static final List<Class<? extends RuntimeException>> REFUSED = List.of(InvalidDnsNameException.class);

    private static final DnsNameRules CLOUDFLARE = new DnsNameRules(NamePolicy.CLOUDFLARE);

    private static final DnsNameRules PRIVATE = new DnsNameRules(NamePolicy.PRIVATE);

    @FuzzTest(maxDuration = "30s")
    void checksAnyNameOrRefusesItWithTheRuleItBreaks(byte[] input) {
        String raw = HostileInput.text(input);
        for (DnsNameRules rules : List.of(CLOUDFLARE, PRIVATE)) {
            DnsName name = HostileInput.check(() -> rules.check(raw), REFUSED);
            if (name != null) {
                assertChecked(name);
            } else {
                assertRefusalIsEchoable(() -> rules.check(raw));
            }
            DnsName zone = HostileInput.check(() -> rules.checkZoneName(raw), REFUSED);
            if (zone != null) {
                assertChecked(zone);
                assertThat(zone.isWildcard()).isFalse();
            }
        }
        DnsName strict = HostileInput.check(() -> CLOUDFLARE.check(raw), REFUSED);
        if (strict != null) {
            assertThat(PRIVATE.check(raw))
                    .as("every name Cloudflare's rules take, the private policy takes")
                    .isEqualTo(strict);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void comparesAnyTwoCheckedNames(byte[] input) {
        String text = HostileInput.text(input);
        int split = text.indexOf('\n');
        String first = split < 0 ? text : text.substring(0, split);
        String second = split < 0 ? text : text.substring(split + 1);
        DnsName a = HostileInput.check(() -> PRIVATE.check(first), REFUSED);
        DnsName b = HostileInput.check(() -> PRIVATE.check(second), REFUSED);
        if (a != null && b != null) {
            boolean covers = a.covers(b);
            boolean within = b.isWithin(a);
            if (covers && !a.isWildcard()) {
                assertThat(a).isEqualTo(b);
            }
            if (within && !a.isWildcard()) {
                assertThat(b.value()).endsWith(a.value());
            }
        }
    }

    private static void assertChecked(DnsName name) {
        assertThat(name.value()).isEqualTo(name.value().toLowerCase(Locale.ROOT));
        assertThat(name.value().length()).isBetween(1, 253);
        assertThat(new DnsName(name.value())).isEqualTo(name);
        assertThat(name.covers(name)).isTrue();
        assertThat(name.isWithin(name)).isTrue();
        assertThat(name.labels())
                .allSatisfy(label -> assertThat(label).isNotEmpty().hasSizeLessThanOrEqualTo(63));
    }

    private static void assertRefusalIsEchoable(Runnable refusal) {
        try {
            refusal.run();
        } catch (InvalidDnsNameException ex) {
            assertThat(ex.name()).isNotNull().hasSizeLessThan(2_000);
            assertThat(ex.reason()).isNotBlank();
            assertThat(ex.getMessage()).doesNotContain("\u0000");
        }
    }
}
