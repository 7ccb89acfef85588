package dev.keyhold.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NamePolicyTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            cloudflare | CLOUDFLARE
            CLOUDFLARE | CLOUDFLARE
            CloudFlare | CLOUDFLARE
            private    | PRIVATE
            PRIVATE    | PRIVATE
            Private    | PRIVATE
            """)
    void readsASettingInAnyCase(String setting, NamePolicy policy) {
        assertThat(NamePolicy.fromSetting(setting)).isEqualTo(policy);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"strict", "public", " private", "cloud flare", "CLOUDFLARE,"})
    void refusesAnyOtherSettingAndListsTheValidOnes(String setting) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> NamePolicy.fromSetting(setting))
                .withMessageEndingWith("use one of: cloudflare, private");
    }

    @ParameterizedTest
    @EnumSource(NamePolicy.class)
    void readsBackItsOwnSetting(NamePolicy policy) {
        assertThat(NamePolicy.fromSetting(policy.setting())).isSameAs(policy);
        assertThat(policy.setting()).isLowerCase();
    }
}
