package dev.keyhold.csr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyhold.dns.DnsName;
import dev.keyhold.dns.DnsNameRules;
import dev.keyhold.dns.NamePolicy;
import dev.keyhold.keys.KeyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsrRulesTests {

    private final CsrRules rules = new CsrRules(new DnsNameRules(NamePolicy.CLOUDFLARE));

    static CsrRequest valid() {
        return new CsrRequest(
                "US",
                "MA",
                "Boston",
                "City of Boston",
                "Parade",
                "app.keyhold.dev",
                List.of("app.keyhold.dev", "www.keyhold.dev"),
                null,
                null,
                null);
    }

    static CsrRequest with(UnaryOperator<Fields> change) {
        CsrRequest v = valid();
        Fields f = change.apply(new Fields(
                v.country(),
                v.state(),
                v.locality(),
                v.organization(),
                v.organizationalUnit(),
                v.commonName(),
                v.sans(),
                v.keyType(),
                v.name(),
                v.description()));
        return new CsrRequest(
                f.country,
                f.state,
                f.locality,
                f.organization,
                f.unit,
                f.commonName,
                f.sans,
                f.keyType,
                f.name,
                f.description);
    }

    record Fields(
            String country,
            String state,
            String locality,
            String organization,
            String unit,
            String commonName,
            List<String> sans,
            String keyType,
            String name,
            String description) {
        Fields country(String v) {
            return new Fields(v, state, locality, organization, unit, commonName, sans, keyType, name, description);
        }

        Fields state(String v) {
            return new Fields(country, v, locality, organization, unit, commonName, sans, keyType, name, description);
        }

        Fields locality(String v) {
            return new Fields(country, state, v, organization, unit, commonName, sans, keyType, name, description);
        }

        Fields organization(String v) {
            return new Fields(country, state, locality, v, unit, commonName, sans, keyType, name, description);
        }

        Fields unit(String v) {
            return new Fields(country, state, locality, organization, v, commonName, sans, keyType, name, description);
        }

        Fields commonName(String v) {
            return new Fields(country, state, locality, organization, unit, v, sans, keyType, name, description);
        }

        Fields sans(List<String> v) {
            return new Fields(country, state, locality, organization, unit, commonName, v, keyType, name, description);
        }

        Fields keyType(String v) {
            return new Fields(country, state, locality, organization, unit, commonName, sans, v, name, description);
        }

        Fields name(String v) {
            return new Fields(country, state, locality, organization, unit, commonName, sans, keyType, v, description);
        }
    }

    static Stream<Arguments> refusals() {
        List<String> tooMany =
                IntStream.range(0, 151).mapToObj(i -> "h" + i + ".keyhold.dev").toList();
        return Stream.of(
                Arguments.of("missing country", with(f -> f.country(null)), CsrRule.COUNTRY_REQUIRED, "/country"),
                Arguments.of("blank country", with(f -> f.country("  ")), CsrRule.COUNTRY_REQUIRED, "/country"),
                Arguments.of("unknown country", with(f -> f.country("XX")), CsrRule.COUNTRY_INVALID, "/country"),
                Arguments.of("three-letter country", with(f -> f.country("USA")), CsrRule.COUNTRY_INVALID, "/country"),
                Arguments.of("missing state", with(f -> f.state(null)), CsrRule.STATE_REQUIRED, "/state"),
                Arguments.of("missing locality", with(f -> f.locality("")), CsrRule.LOCALITY_REQUIRED, "/locality"),
                Arguments.of(
                        "missing organization",
                        with(f -> f.organization(null)),
                        CsrRule.ORGANIZATION_REQUIRED,
                        "/organization"),
                Arguments.of(
                        "missing common name",
                        with(f -> f.commonName(null)),
                        CsrRule.COMMON_NAME_REQUIRED,
                        "/common_name"),
                Arguments.of(
                        "65-character common name",
                        with(f -> f.commonName("a".repeat(65))),
                        CsrRule.COMMON_NAME_TOO_LONG,
                        "/common_name"),
                Arguments.of("no SANs", with(f -> f.sans(List.of())), CsrRule.SANS_REQUIRED, "/sans"),
                Arguments.of("null SANs", with(f -> f.sans(null)), CsrRule.SANS_REQUIRED, "/sans"),
                Arguments.of("151 SANs", with(f -> f.sans(tooMany)), CsrRule.TOO_MANY_SANS, "/sans"),
                Arguments.of(
                        "IP address SAN",
                        with(f -> f.sans(List.of("app.keyhold.dev", "192.0.2.10"))),
                        CsrRule.SAN_INVALID,
                        "/sans/1"),
                Arguments.of(
                        "special character",
                        with(f -> f.sans(List.of("a!b.keyhold.dev"))),
                        CsrRule.SAN_INVALID,
                        "/sans/0"),
                Arguments.of(
                        "leading hyphen", with(f -> f.sans(List.of("-a.keyhold.dev"))), CsrRule.SAN_INVALID, "/sans/0"),
                Arguments.of(
                        "256 characters", with(f -> f.sans(List.of(longName(256)))), CsrRule.SAN_INVALID, "/sans/0"),
                Arguments.of(
                        "null SAN",
                        with(f -> f.sans(Arrays.asList("app.keyhold.dev", null))),
                        CsrRule.SAN_INVALID,
                        "/sans/1"),
                Arguments.of("non-ASCII", with(f -> f.sans(List.of("münchen.de"))), CsrRule.SAN_NON_ASCII, "/sans/0"),
                Arguments.of(
                        "reserved TLD", with(f -> f.sans(List.of("app.test"))), CsrRule.SAN_RESERVED_TLD, "/sans/0"),
                Arguments.of(
                        "public suffix", with(f -> f.sans(List.of("co.uk"))), CsrRule.SAN_PUBLIC_SUFFIX, "/sans/0"),
                Arguments.of(
                        "example.com",
                        with(f -> f.sans(List.of("www.example.com"))),
                        CsrRule.SAN_EXAMPLE_DOMAIN,
                        "/sans/0"),
                Arguments.of(
                        "unknown key type", with(f -> f.keyType("rsa4096")), CsrRule.KEY_TYPE_INVALID, "/key_type"),
                Arguments.of("empty key type", with(f -> f.keyType("")), CsrRule.KEY_TYPE_INVALID, "/key_type"),
                Arguments.of(
                        "65-character organization",
                        with(f -> f.organization("o".repeat(65))),
                        CsrRule.FIELD_TOO_LONG,
                        "/organization"),
                Arguments.of(
                        "control character in unit",
                        with(f -> f.unit("a\u0000b")),
                        CsrRule.FIELD_INVALID_CHARACTERS,
                        "/organizational_unit"),
                Arguments.of(
                        "256-character name", with(f -> f.name("n".repeat(256))), CsrRule.FIELD_TOO_LONG, "/name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesRequestsThatBreakARuleNamingTheRuleAndField(
            String what, CsrRequest request, CsrRule rule, String pointer) {
        assertThatThrownBy(() -> this.rules.validate(request))
                .isInstanceOfSatisfying(InvalidCsrRequestException.class, ex -> {
                    assertThat(ex.rule()).isEqualTo(rule);
                    assertThat(ex.pointer()).isEqualTo(pointer);
                });
    }

    @Test
    void reportsThePublicSuffixReasonInGoWording() {
        assertThatThrownBy(() -> this.rules.validate(with(f -> f.sans(List.of("co.uk")))))
                .isInstanceOfSatisfying(InvalidCsrRequestException.class, ex -> assertThat(ex.detail())
                        .isEqualTo("publicsuffix: cannot derive eTLD+1 for domain \"co.uk\""));
    }

    @Test
    void acceptsAValidRequestAndDefaultsToRsa2048() {
        ValidCsrRequest valid = this.rules.validate(valid());
        assertThat(valid.keyType()).isEqualTo(KeyType.RSA2048);
        assertThat(valid.sans()).extracting(DnsName::value).containsExactly("app.keyhold.dev", "www.keyhold.dev");
    }

    @Test
    void normalisesCountryAndSansAndDropsDuplicateSans() {
        ValidCsrRequest valid = this.rules.validate(
                with(f -> f.country("us").sans(List.of("App.Keyhold.dev", " app.keyhold.dev ", "*.keyhold.dev"))));
        assertThat(valid.country()).isEqualTo("US");
        assertThat(valid.sans()).extracting(DnsName::value).containsExactly("app.keyhold.dev", "*.keyhold.dev");
    }

    @Test
    void acceptsExactlyTheLimits() {
        List<String> max = new ArrayList<>(
                IntStream.range(0, 150).mapToObj(i -> "h" + i + ".keyhold.dev").toList());
        Collections.shuffle(max);
        ValidCsrRequest valid = this.rules.validate(with(
                f -> f.commonName("c".repeat(64)).sans(max).keyType("p256v1").organization("o".repeat(64))));
        assertThat(valid.sans()).hasSize(150);
        assertThat(valid.keyType()).isEqualTo(KeyType.P256V1);
    }

    @Test
    void treatsOmittedOptionalFieldsAsAbsent() {
        ValidCsrRequest valid = this.rules.validate(with(f -> f.unit(" ").name("")));
        assertThat(valid.organizationalUnit()).isNull();
        assertThat(valid.name()).isNull();
    }

    @Test
    void acceptsInternalNamesOnlyUnderThePrivatePolicy() {
        CsrRequest internal = with(f -> f.sans(List.of("vault.corp.internal", "intranet")));
        assertThatThrownBy(() -> this.rules.validate(internal)).isInstanceOf(InvalidCsrRequestException.class);
        ValidCsrRequest valid = new CsrRules(new DnsNameRules(NamePolicy.PRIVATE)).validate(internal);
        assertThat(valid.sans()).extracting(DnsName::value).containsExactly("vault.corp.internal", "intranet");
    }

    /** A name of exactly {@code length} characters with labels of at most 61 characters, under keyhold.dev. */
    private static String longName(int length) {
        StringBuilder b = new StringBuilder("keyhold.dev");
        while (b.length() < length) {
            int remaining = length - b.length();
            int label = Math.min(60, remaining - 1);
            if (remaining - (label + 1) == 1) {
                label--; // NOTE: leave room for a last label of at least one character
            }
            b.insert(0, "a".repeat(label) + ".");
        }
        assertThat(b).hasSize(length);
        return b.toString();
    }
}
