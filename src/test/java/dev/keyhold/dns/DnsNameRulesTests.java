package dev.keyhold.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DnsNameRulesTests {

    private static final DnsNameRules CLOUDFLARE = new DnsNameRules(NamePolicy.CLOUDFLARE);

    private static final DnsNameRules PRIVATE = new DnsNameRules(NamePolicy.PRIVATE);

    private static final List<DnsNameRules> EITHER_POLICY = List.of(CLOUDFLARE, PRIVATE);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a.com                | a.com
            App.Example.CO.UK    | app.example.co.uk
            example.co.uk        | example.co.uk
            app.example.co.uk    | app.example.co.uk
            *.blog.example.co.uk | *.blog.example.co.uk
            *.Shop.Example.co.uk | *.shop.example.co.uk
            xn--mnchen-3ya.de    | xn--mnchen-3ya.de
            XN--MNCHEN-3YA.DE    | xn--mnchen-3ya.de
            shop.xn--fiqs8s      | shop.xn--fiqs8s
            *.xn--bcher-kva.de   | *.xn--bcher-kva.de
            a-b--c.com           | a-b--c.com
            3com.com             | 3com.com
            1.2.3.example.co.uk  | 1.2.3.example.co.uk
            foo.github.io        | foo.github.io
            *.foo.github.io      | *.foo.github.io
            city.kawasaki.jp     | city.kawasaki.jp
            notexample.com       | notexample.com
            example.com.au       | example.com.au
            example.co           | example.co
            test.com             | test.com
            localhost.co.uk      | localhost.co.uk
            x.in                 | x.in
            """)
    void acceptsAndLowerCasesValidNamesUnderEitherPolicy(String raw, String expected) {
        for (DnsNameRules rules : EITHER_POLICY) {
            DnsName name = rules.check(raw);
            assertThat(name.value()).as(rules.policy().setting()).isEqualTo(expected);
            assertThat(rules.check(name.value())).as("checked again").isEqualTo(name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            192.0.2.10    | is an IPv4 address
            10.0.0.1      | is an IPv4 address
            999.1.1.1     | is an IPv4 address
            host.123      | last label is a number
            *.10.0.0      | last label is a number
            a.0x1f        | last label is a number
            2001:db8::1   | ':' or brackets
            [::1]         | ':' or brackets
            ::1           | ':' or brackets
            a.com:443     | ':' or brackets
            a_b.com       | the character '_'
            a b.com       | the character U+0020
            a.com/path    | the character '/'
            user@a.com    | the character '@'
            .a.com        | begins with '.'
            .             | begins with '.'
            a.com.        | ends with '.'
            a..com        | empty label
            -a.com        | label "-a" begins with '-'
            a-.com        | label "a-" ends with '-'
            a.-b.com      | label "-b" begins with '-'
            a.com-        | label "com-" ends with '-'
            *             | needs a domain after '*.'
            a.*.b.com     | only as the whole left-most label
            *a.com        | only as the whole left-most label
            a*.b.com      | only as the whole left-most label
            **.a.com      | only as the whole left-most label
            *.*.a.com     | only as the whole left-most label
            xn--zz.com    | label "xn--zz" is not valid punycode
            xn--a.com     | label "xn--a" is not valid punycode
            shop.xn--zz.de| label "xn--zz" is not valid punycode
            a_b..com      | the character '_'
            -a..com       | empty label
            *a.-b.com     | label "-b" begins with '-'
            xn--zz.*.com  | only as the whole left-most label
            xn--zz.test   | label "xn--zz" is not valid punycode
            """)
    void refusesMalformedNamesUnderEitherPolicy(String raw, String reason) {
        for (DnsNameRules rules : EITHER_POLICY) {
            InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> rules.check(raw));
            assertThat(refusal.violation()).as(rules.policy().setting()).isEqualTo(NameViolation.SYNTAX);
            assertThat(refusal.reason()).as(rules.policy().setting()).contains(reason);
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n"})
    void refusesMissingAndBlankNamesUnderEitherPolicy(String raw) {
        for (DnsNameRules rules : EITHER_POLICY) {
            InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> rules.check(raw));
            assertThat(refusal.violation()).as(rules.policy().setting()).isEqualTo(NameViolation.SYNTAX);
        }
    }

    // NOTE: the characters listed in Cloudflare's error 1412, then whitespace, underscore and control characters
    static Stream<String> namesWithSpecialCharacters() {
        return "~`!@#$%^&*()=+{}[]|\\;:'\",<>/? \t\n\r_\u0000\u001f\u007f"
                .chars()
                .mapToObj(c -> "a" + (char) c + "b.example.co.uk");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namesWithSpecialCharacters")
    void refusesEverySpecialCharacterUnderEitherPolicy(String raw) {
        for (DnsNameRules rules : EITHER_POLICY) {
            InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> rules.check(raw));
            assertThat(refusal.violation()).as(rules.policy().setting()).isEqualTo(NameViolation.SYNTAX);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "münchen.de",
                "ex\u00e4mple.co.uk",
                "a.com\u00a0",
                "\u0430pple.com",
                "日本.jp",
                "a\uff0ecom",
                "\ud83d\ude42.com",
                "ü_a..com",
                "-ü.com",
                "xn--mnchen-3ya.dé"
            })
    void refusesNonAsciiNamesBeforeAnyOtherRuleUnderEitherPolicy(String raw) {
        for (DnsNameRules rules : EITHER_POLICY) {
            InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> rules.check(raw));
            assertThat(refusal.violation()).as(rules.policy().setting()).isEqualTo(NameViolation.NON_ASCII);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            foo.test          | RESERVED_TLD   | foo.test
            FOO.TEST          | RESERVED_TLD   | foo.test
            *.test            | RESERVED_TLD   | *.test
            test              | RESERVED_TLD   | test
            localhost         | RESERVED_TLD   | localhost
            app.localhost     | RESERVED_TLD   | app.localhost
            foo.example       | RESERVED_TLD   | foo.example
            foo.invalid       | RESERVED_TLD   | foo.invalid
            printer.local     | RESERVED_TLD   | printer.local
            duckduck.onion    | RESERVED_TLD   | duckduck.onion
            foo.alt           | RESERVED_TLD   | foo.alt
            corp.internal     | RESERVED_TLD   | corp.internal
            home.arpa         | RESERVED_TLD   | home.arpa
            router.home.arpa  | RESERVED_TLD   | router.home.arpa
            *.home.arpa       | RESERVED_TLD   | *.home.arpa
            example.com       | EXAMPLE_DOMAIN | example.com
            www.example.com   | EXAMPLE_DOMAIN | www.example.com
            *.example.org     | EXAMPLE_DOMAIN | *.example.org
            a.b.example.net   | EXAMPLE_DOMAIN | a.b.example.net
            EXAMPLE.ORG       | EXAMPLE_DOMAIN | example.org
            intranet          | PUBLIC_SUFFIX  | intranet
            *.intranet        | PUBLIC_SUFFIX  | *.intranet
            foo.notatld       | PUBLIC_SUFFIX  | foo.notatld
            foo.1a            | PUBLIC_SUFFIX  | foo.1a
            com               | PUBLIC_SUFFIX  | com
            *.com             | PUBLIC_SUFFIX  | *.com
            co.uk             | PUBLIC_SUFFIX  | co.uk
            *.co.uk           | PUBLIC_SUFFIX  | *.co.uk
            github.io         | PUBLIC_SUFFIX  | github.io
            *.github.io       | PUBLIC_SUFFIX  | *.github.io
            foo.kawasaki.jp   | PUBLIC_SUFFIX  | foo.kawasaki.jp
            """)
    void refusesUnderCloudflarePolicyWhatPrivatePolicyAccepts(String raw, NameViolation violation, String accepted) {
        InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> CLOUDFLARE.check(raw));
        assertThat(refusal.violation()).isEqualTo(violation);
        assertThat(PRIVATE.check(raw).value()).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            intranet        | publicsuffix: invalid public suffix "intranet" for domain "intranet"
            foo.notatld     | publicsuffix: invalid public suffix "notatld" for domain "foo.notatld"
            *.Foo.NotATld   | publicsuffix: invalid public suffix "notatld" for domain "foo.notatld"
            foo.1a          | publicsuffix: invalid public suffix "1a" for domain "foo.1a"
            com             | publicsuffix: cannot derive eTLD+1 for domain "com"
            *.com           | publicsuffix: cannot derive eTLD+1 for domain "com"
            co.uk           | publicsuffix: cannot derive eTLD+1 for domain "co.uk"
            *.co.uk         | publicsuffix: cannot derive eTLD+1 for domain "co.uk"
            github.io       | publicsuffix: cannot derive eTLD+1 for domain "github.io"
            *.github.io     | publicsuffix: cannot derive eTLD+1 for domain "github.io"
            foo.kawasaki.jp | publicsuffix: cannot derive eTLD+1 for domain "foo.kawasaki.jp"
            """)
    void explainsPublicSuffixRefusalsInTheWordsOfGoPublicsuffix(String raw, String reason) {
        InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> CLOUDFLARE.check(raw));
        assertThat(refusal.violation()).isEqualTo(NameViolation.PUBLIC_SUFFIX);
        assertThat(refusal.reason()).isEqualTo(reason);
    }

    static Stream<String> namesOfAtMost253Characters() {
        return Stream.of(
                nameOfLength(253), "*." + nameOfLength(251), "a".repeat(63) + ".com", "*." + "b".repeat(63) + ".co.uk");
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("namesOfAtMost253Characters")
    void acceptsNamesOfUpTo253CharactersWithLabelsOfUpTo63(String raw) {
        assertThat(raw.length()).isLessThanOrEqualTo(253);
        for (DnsNameRules rules : EITHER_POLICY) {
            assertThat(rules.check(raw).value()).as(rules.policy().setting()).isEqualTo(raw);
        }
    }

    static Stream<String> namesOfMoreThan253Characters() {
        return Stream.of(
                nameOfLength(254), nameOfLength(255), nameOfLength(256), nameOfLength(259), "*." + nameOfLength(252));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("namesOfMoreThan253Characters")
    void refusesNamesOfMoreThan253CharactersUnderEitherPolicy(String raw) {
        for (DnsNameRules rules : EITHER_POLICY) {
            InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> rules.check(raw));
            assertThat(refusal.violation()).as(rules.policy().setting()).isEqualTo(NameViolation.SYNTAX);
            assertThat(refusal.reason())
                    .isEqualTo("the name is " + raw.length() + " characters long; at most 253 are allowed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
                "x.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.com",
                "*.cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.co.uk"
            })
    void refusesLabelsOfMoreThan63CharactersUnderEitherPolicy(String raw) {
        for (DnsNameRules rules : EITHER_POLICY) {
            InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> rules.check(raw));
            assertThat(refusal.violation()).as(rules.policy().setting()).isEqualTo(NameViolation.SYNTAX);
            assertThat(refusal.reason()).isEqualTo("a label is 64 characters long; at most 63 are allowed");
        }
    }

    @Test
    void checkAllKeepsTheOrderAndDropsNamesThatDifferOnlyInCase() {
        List<DnsName> names = CLOUDFLARE.checkAll(List.of("B.co.uk", "a.co.uk", "*.A.co.uk", "b.CO.uk", "a.co.uk"));
        assertThat(names).extracting(DnsName::value).containsExactly("b.co.uk", "a.co.uk", "*.a.co.uk");
    }

    @Test
    void checkAllOfNoNamesIsEmpty() {
        assertThat(PRIVATE.checkAll(List.of())).isEmpty();
    }

    @Test
    void checkAllReportsTheFirstRefusedNameUnderEachPolicy() {
        List<String> raws = List.of("a.co.uk", "foo.test", "-b.co.uk", "münchen.de");
        InvalidDnsNameException strict = assertThrows(InvalidDnsNameException.class, () -> CLOUDFLARE.checkAll(raws));
        assertThat(strict.violation()).isEqualTo(NameViolation.RESERVED_TLD);
        assertThat(strict.name()).isEqualTo("foo.test");
        InvalidDnsNameException lax = assertThrows(InvalidDnsNameException.class, () -> PRIVATE.checkAll(raws));
        assertThat(lax.violation()).isEqualTo(NameViolation.SYNTAX);
        assertThat(lax.name()).isEqualTo("-b.co.uk");
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            a.com            | CLOUDFLARE | a.com
            Example.CO.UK    | CLOUDFLARE | example.co.uk
            shop.example.com.au | CLOUDFLARE | shop.example.com.au
            foo.github.io    | CLOUDFLARE | foo.github.io
            intranet         | PRIVATE    | intranet
            corp.internal    | PRIVATE    | corp.internal
            co.uk            | PRIVATE    | co.uk
            example.com      | PRIVATE    | example.com
            """)
    void acceptsZoneNamesAllowedByThePolicy(String raw, NamePolicy policy, String expected) {
        assertThat(new DnsNameRules(policy).checkZoneName(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            *.a.com       | CLOUDFLARE | SYNTAX
            *.com         | CLOUDFLARE | SYNTAX
            *.a.com       | PRIVATE    | SYNTAX
            *.intranet    | PRIVATE    | SYNTAX
            -a.com        | PRIVATE    | SYNTAX
            münchen.de    | PRIVATE    | NON_ASCII
            co.uk         | CLOUDFLARE | PUBLIC_SUFFIX
            com           | CLOUDFLARE | PUBLIC_SUFFIX
            github.io     | CLOUDFLARE | PUBLIC_SUFFIX
            intranet      | CLOUDFLARE | PUBLIC_SUFFIX
            foo.test      | CLOUDFLARE | RESERVED_TLD
            example.com   | CLOUDFLARE | EXAMPLE_DOMAIN
            """)
    void refusesZoneNamesTheRulesForbid(String raw, NamePolicy policy, NameViolation violation) {
        DnsNameRules rules = new DnsNameRules(policy);
        InvalidDnsNameException refusal = assertThrows(InvalidDnsNameException.class, () -> rules.checkZoneName(raw));
        assertThat(refusal.violation()).isEqualTo(violation);
    }

    /** A name ending in ".com", with labels of 63 characters: valid whenever {@code length} is in 197..259. */
    private static String nameOfLength(int length) {
        String name =
                "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(length - 196) + ".com";
        assertThat(name).hasSize(length);
        return name;
    }
}
