package dev.keyhold.certificates;

import java.util.List;

/** The outcome of an accepted upload or edit: the stored certificate and what the uploader should know. */
public record UploadedCertificate(CustomCertificate certificate, List<String> warnings) {

    public UploadedCertificate {
        warnings = List.copyOf(warnings);
    }
}
