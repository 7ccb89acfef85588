package dev.keyhold.certificates;

import dev.keyhold.csr.CsrId;
import dev.keyhold.csr.CsrUsers;
import java.util.List;
import org.springframework.stereotype.Component;

/** Tells the csr feature which custom certificates use a CSR's key, so it refuses to delete that CSR (1420). */
@Component
class CertificateCsrUsers implements CsrUsers {

    private final CertificateRepository repository;

    CertificateCsrUsers(CertificateRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<String> usersOf(CsrId id) {
        return this.repository.usingCsr(id).stream()
                .map(c -> "custom certificate " + c.value())
                .toList();
    }
}
