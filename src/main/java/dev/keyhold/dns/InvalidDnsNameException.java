package dev.keyhold.dns;

import java.util.Objects;

/**
 * Thrown when a name breaks a naming rule; carries which rule, the offending name and why, so the API layer can map
 * {@link #violation()} to the error code of its context and may echo {@link #name()} and {@link #reason()}.
 */
public class InvalidDnsNameException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Longer inputs are cut when echoed: enough to show any name up to the 255-character limit. */
    private static final int MAX_ECHOED_LENGTH = 300;

    private final NameViolation violation;

    private final String name;

    private final String reason;

    /** A refusal of {@code name} (the raw input, which may be {@code null}) for breaking {@code violation}. */
    public InvalidDnsNameException(NameViolation violation, String name, String reason) {
        super("DNS name \"" + echoable(name) + "\" is refused (" + violation + "): " + reason);
        this.violation = Objects.requireNonNull(violation, "violation");
        this.name = echoable(name);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The rule the name broke. */
    public NameViolation violation() {
        return this.violation;
    }

    /**
     * The offending input as given (not lower-cased), safe to echo: control and format characters are escaped as
     * {@code \}{@code uXXXX}, long input is cut, and a missing name is empty.
     */
    public String name() {
        return this.name;
    }

    /**
     * Why the name was refused: for {@link NameViolation#PUBLIC_SUFFIX} Go's publicsuffix error text, such as
     * {@code publicsuffix: cannot derive eTLD+1 for domain "co.uk"}; otherwise a short sentence for humans.
     */
    public String reason() {
        return this.reason;
    }

    private static String echoable(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder echo = new StringBuilder();
        int count = 0;
        for (int i = 0; i < raw.length(); i = raw.offsetByCodePoints(i, 1)) {
            if (count++ == MAX_ECHOED_LENGTH) {
                int length = raw.codePointCount(0, raw.length());
                return echo.append("... (")
                        .append(length)
                        .append(" characters)")
                        .toString();
            }
            int codePoint = raw.codePointAt(i);
            if (codePoint == '\\') {
                echo.append("\\\\");
            } else if (isInvisible(codePoint)) {
                echo.append(String.format("\\u%04X", codePoint));
            } else {
                echo.appendCodePoint(codePoint);
            }
        }
        return echo.toString();
    }

    private static boolean isInvisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
