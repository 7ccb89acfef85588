package dev.keyhold.tenancy;

import java.util.Optional;
import java.util.Set;

/**
 * Which zones to list: optionally only those a caller may see, with an exact name and/or one account.
 *
 * @param visible when present, only zones of these whole accounts or these individual zones
 */
public record ZoneQuery(Optional<Visibility> visible, Optional<String> name, Optional<AccountId> account) {

    /** The zones a caller may see: every zone of some accounts, plus some individual zones. */
    public record Visibility(Set<AccountId> accounts, Set<ZoneId> zones) {}
}
