package dev.keyhold.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DnsNameTests {

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            *.a.com   | x.a.com                | true
            *.a.com   | xn--mnchen-3ya.a.com   | true
            *.a.com   | a.com                  | false
            *.a.com   | y.x.a.com              | false
            *.a.com   | x.b.com                | false
            *.a.com   | x.ba.com               | false
            *.a.com   | xa.com                 | false
            *.a.com   | x.a.com.evil.net       | false
            *.a.com   | *.a.com                | true
            *.a.com   | *.x.a.com              | false
            *.x.a.com | *.a.com                | false
            *.x.a.com | x.a.com                | false
            a.com     | a.com                  | true
            A.COM     | a.com                  | true
            a.com     | A.Com                  | true
            a.com     | b.a.com                | false
            a.com     | b.com                  | false
            x.a.com   | *.a.com                | false
            """)
    void coversNamesByTheWildcardRulesOfRfc6125(String presented, String host, boolean covered) {
        assertThat(new DnsName(presented).covers(new DnsName(host))).isEqualTo(covered);
    }

    @ParameterizedTest(name = "{0} within {1}: {2}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a.com          | a.com   | true
            WWW.A.com      | a.com   | true
            x.y.a.com      | a.com   | true
            *.a.com        | a.com   | true
            *.x.a.com      | a.com   | true
            a.com          | www.a.com | false
            ba.com         | a.com   | false
            a.com.evil.net | a.com   | false
            *.a.com        | x.a.com | false
            a.co           | a.com   | false
            x.a.com        | *.a.com | false
            """)
    void isWithinItsZoneAndTheZonesAboveIt(String name, String zone, boolean within) {
        assertThat(new DnsName(name).isWithin(new DnsName(zone))).isEqualTo(within);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            *.a.b.com | true  | *,a,b,com
            a.com     | false | a,com
            localhost | false | localhost
            """)
    void splitsIntoLabelsAndKnowsAWildcard(String value, boolean wildcard, String labels) {
        DnsName name = new DnsName(value);
        assertThat(name.isWildcard()).isEqualTo(wildcard);
        assertThat(name.labels()).containsExactly(labels.split(","));
    }

    @Test
    void lowerCasesItsValueAndPrintsAsIt() {
        DnsName name = new DnsName("*.Shop.EXAMPLE.co.uk");
        assertThat(name.value()).isEqualTo("*.shop.example.co.uk");
        assertThat(name).isEqualTo(new DnsName("*.shop.example.co.uk"));
        assertThat(name).hasToString("*.shop.example.co.uk");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                ".a.com",
                "a.com.",
                "a..com",
                "a b.com",
                "a_b.com",
                "*",
                "*a.com",
                "a.*.com",
                "münchen.de",
                "\u212Aa.com",
                "a.com:443"
            })
    void refusesValuesThatNoCheckCouldHaveProduced(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DnsName(value))
                .withMessageContaining("DnsNameRules.check");
    }

    @Test
    void refusesAMissingValue() {
        assertThatNullPointerException().isThrownBy(() -> new DnsName(null));
    }
}
