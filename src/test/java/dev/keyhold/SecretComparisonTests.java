package dev.keyhold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets and the values derived from them (token and key hashes, passwords, PINs, CSRF tokens, KEK check values) are
 * compared only in constant time, with {@code MessageDigest.isEqual}: this scans the main sources for an
 * {@code equals}-style comparison whose either side is named like such a value, so one cannot creep back in.
 */
class SecretComparisonTests {

    /** Words of an identifier (camelCase or snake_case) that name a secret or a value derived from one. */
    private static final Set<String> SECRET_WORDS = Set.of(
            "secret",
            "secrets",
            "token",
            "password",
            "passwd",
            "passphrase",
            "pin",
            "hash",
            "digest",
            "csrf",
            "kcv",
            "check",
            "mac",
            "credential",
            "credentials",
            "kek",
            "apikey",
            "globalkey");

    /** Last words that make an identifier the value of the secret its earlier words name. */
    private static final Set<String> VALUE_WORDS = Set.of("value", "bytes", "text", "string", "chars");

    /** {@code receiver.equals(argument)} and its cousins; the receiver may be a chain of fields and getters. */
    private static final Pattern METHOD_COMPARISON = Pattern.compile(
            "([A-Za-z_][\\w.]*(?:\\(\\))?)\\s*\\.\\s*(?:equals|equalsIgnoreCase|contentEquals|compareTo)\\s*\\(\\s*"
                    + "([A-Za-z_][\\w.]*(?:\\(\\))?)?");

    /** {@code Arrays.equals(a, b)}, {@code Objects.equals(a, b)} and the like. */
    private static final Pattern STATIC_COMPARISON =
            Pattern.compile("\\b(?:Arrays|Objects|StringUtils)\\s*\\.\\s*(?:equals|deepEquals)\\s*\\(([^;]*)");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");

    @Test
    void mainSourcesCompareSecretsOnlyInConstantTime() throws IOException {
        List<String> offenders = new ArrayList<>();
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                List<String> lines = read(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (comparesASecret(lines.get(i))) {
                        offenders.add(main.relativize(file) + ":" + (i + 1) + ": "
                                + lines.get(i).strip());
                    }
                }
            });
        }
        assertThat(offenders)
                .as("compare secrets and their hashes with MessageDigest.isEqual on fixed-length bytes, not equals")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "return storedHash.equals(sha256Hex(presented));",
                "if (!recordedCheck.equals(myCheck)) {",
                "return user.apiKeyHash().equals(hash);",
                "boolean same = presented.equals(this.secret);",
                "if (token.equalsIgnoreCase(value))",
                "return Arrays.equals(expected, csrfToken.getBytes());",
                "return Objects.equals(user.passwordHash(), candidate);",
                "pin.contentEquals(entered)",
                "if (a.kek().equals(b))",
                "return tokenValue.equals(presented);",
                "return expectedApiKey.equals(header);",
            })
    void theScanCatchesAPlainComparisonOfASecret(String line) {
        assertThat(comparesASecret(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "return MessageDigest.isEqual(stored, sha256Hex(presented).getBytes(US_ASCII));",
                "if (!token.accountId().equals(account)) {",
                "if (!this.tokenAccount.equals(account)) {",
                "return Arrays.stream(values()).filter(s -> s.wire.equals(text)).findFirst();",
                "if (\"all\".equals(zone)) {",
                "if (text.equals(TokenStatus.ACTIVE.wire())) {",
            })
    void theScanLeavesOtherComparisonsAlone(String line) {
        assertThat(comparesASecret(line)).isFalse();
    }

    static boolean comparesASecret(String line) {
        Matcher method = METHOD_COMPARISON.matcher(line);
        while (method.find()) {
            if (namesASecret(lastSegment(method.group(1))) || namesASecret(lastSegment(method.group(2)))) {
                return true;
            }
        }
        Matcher statics = STATIC_COMPARISON.matcher(line);
        while (statics.find()) {
            for (String argument : statics.group(1).split(",")) {
                if (namesASecret(lastSegment(argument.strip()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The last field or getter of {@code a.b().c}, or of the start of an argument such as {@code c.getBytes()}. */
    private static String lastSegment(String expression) {
        if (expression == null || expression.isEmpty()) {
            return "";
        }
        String head = expression.replaceAll("\\.(getBytes|toCharArray|toString|strip|trim)\\(.*$", "");
        Matcher m = IDENTIFIER.matcher(head);
        String last = "";
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    /**
     * Whether a lower-camel identifier (a variable, field or getter, not a type) names a secret: its last word is a
     * secret word ({@code storedHash}, {@code csrfToken}), or it is a secret's value, bytes or text
     * ({@code tokenValue}). {@code tokenAccount} is an account, not a secret.
     */
    private static boolean namesASecret(String identifier) {
        if (identifier.isEmpty() || !Character.isLowerCase(identifier.charAt(0))) {
            return false;
        }
        List<String> words = Stream.of(identifier.split("(?<=[a-z0-9])(?=[A-Z])|_"))
                .map(w -> w.toLowerCase(Locale.ROOT))
                .filter(w -> !w.isEmpty())
                .toList();
        String last = words.get(words.size() - 1);
        String lower = identifier.toLowerCase(Locale.ROOT);
        if (SECRET_WORDS.contains(last) || lower.endsWith("apikey") || lower.endsWith("globalkey")) {
            return true;
        }
        return VALUE_WORDS.contains(last) && words.stream().anyMatch(SECRET_WORDS::contains);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
