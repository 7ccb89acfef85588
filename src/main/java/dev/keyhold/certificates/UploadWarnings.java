package dev.keyhold.certificates;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The non-blocking findings about an accepted upload, as sentences for Cloudflare's {@code messages}. */
final class UploadWarnings {

    private UploadWarnings() {}

    static List<String> of(UploadedChain chain, ServedChain served) {
        List<String> warnings = new ArrayList<>();
        X509Certificate leaf = chain.leaf();
        for (X509Certificate intermediate : served.intermediates()) {
            if (intermediate.getNotAfter().before(leaf.getNotAfter())) {
                warnings.add("The intermediate " + Der.name(intermediate) + " expires on "
                        + intermediate.getNotAfter().toInstant() + ", before the leaf ("
                        + leaf.getNotAfter().toInstant()
                        + "); clients will reject the chain from then on unless you upload a newer intermediate.");
            }
            if (!chain.others().contains(intermediate)) {
                warnings.add("The served chain includes the intermediate " + Der.name(intermediate)
                        + ", which Keyhold supplied because the upload did not include it.");
            }
        }
        for (X509Certificate other : chain.others()) {
            if (!served.certificates().contains(other)) {
                warnings.add("The uploaded certificate " + Der.name(other) + " is not part of the served chain "
                        + "(a root, or not needed for the "
                        + served.certificates().size() + "-certificate chain "
                        + "chosen), so it is not served.");
            }
        }
        return warnings;
    }
}
