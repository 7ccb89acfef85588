package dev.keyhold.hostnames;

import dev.keyhold.csr.CsrId;
import dev.keyhold.csr.CsrUsers;
import java.util.List;
import org.springframework.stereotype.Component;

/** Tells {@link dev.keyhold.csr.CustomCsrs#delete} which custom hostnames still use a CSR's key. */
@Component
class HostnameCsrUsers implements CsrUsers {

    private final HostnameRepository repository;

    HostnameCsrUsers(HostnameRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<String> usersOf(CsrId id) {
        return this.repository.usersOf(id).stream()
                .map(h -> "custom hostname " + h)
                .toList();
    }
}
