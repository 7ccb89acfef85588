package dev.keyhold.hostnames;

import java.util.List;

/** A created or edited custom hostname, with what the uploader should know about its certificate. */
public record SavedHostname(CustomHostname hostname, List<String> warnings) {

    public SavedHostname {
        warnings = List.copyOf(warnings);
    }
}
