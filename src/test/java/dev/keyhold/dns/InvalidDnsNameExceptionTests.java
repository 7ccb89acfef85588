package dev.keyhold.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvalidDnsNameExceptionTests {

    private final DnsNameRules rules = new DnsNameRules(NamePolicy.CLOUDFLARE);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            A_B.com                      | A_B.com
            Foo.TEST                     | Foo.TEST
            münchen.de                   | münchen.de
            a\\b.com                     | a\\\\b.com
            a\u0000b.com                 | a\\u0000b.com
            a\u001bb.com                 | a\\u001Bb.com
            a\u202eb.com                 | a\\u202Eb.com
            \u2028a.com                  | \\u2028a.com
            """)
    void namesTheInputAsGivenWithInvisibleCharactersEscaped(String raw, String echoed) {
        InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> this.rules.check(raw));
        assertThat(refusal.name()).isEqualTo(echoed);
    }

    @Test
    void cutsALongNameWhenEchoingIt() {
        InvalidDnsNameException refusal =
                assertThrows(InvalidDnsNameException.class, () -> this.rules.check("a".repeat(5000)));
        assertThat(refusal.name()).isEqualTo("a".repeat(300) + "... (5000 characters)");
        assertThat(refusal.getMessage()).doesNotContain("a".repeat(301));
    }

    @Test
    void namesAMissingNameAsEmpty() {
        InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> this.rules.check(null));
        assertThat(refusal.name()).isEmpty();
        assertThat(refusal.reason()).isEqualTo("the name is missing");
    }

    @Test
    void saysInItsMessageWhichNameBrokeWhichRuleAndWhy() {
        InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> this.rules.check("co.uk"));
        assertThat(refusal)
                .hasMessage("DNS name \"co.uk\" is refused (PUBLIC_SUFFIX): "
                        + "publicsuffix: cannot derive eTLD+1 for domain \"co.uk\"");
    }
}
