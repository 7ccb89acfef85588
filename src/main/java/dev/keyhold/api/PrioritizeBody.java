package dev.keyhold.api;

import dev.keyhold.certificates.CertificateId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The body of {@code PUT .../custom_certificates/prioritize}: {@code {"certificates": [{"id", "priority"}]}}. */
record PrioritizeBody(List<Entry> certificates) {

    /** One certificate and its new priority. */
    record Entry(String id, Integer priority) {}

    /** The new priority of each certificate, in request order; a later entry for the same id wins. */
    Map<CertificateId, Integer> priorities() {
        if (this.certificates == null) {
            throw CertificateBody.invalid("certificates", null, "an array of {id, priority}");
        }
        Map<CertificateId, Integer> priorities = new LinkedHashMap<>();
        for (int i = 0; i < this.certificates.size(); i++) {
            Entry entry = this.certificates.get(i);
            if (entry == null || entry.id() == null) {
                throw CertificateBody.invalid("certificates/" + i + "/id", null, "the id of a custom certificate");
            }
            if (entry.priority() == null || entry.priority() < 0) {
                throw CertificateBody.invalid(
                        "certificates/" + i + "/priority",
                        entry.priority() == null ? null : entry.priority().toString(),
                        "a whole number of at least 0");
            }
            priorities.put(CertificateId.parse(entry.id()), entry.priority());
        }
        return priorities;
    }
}
