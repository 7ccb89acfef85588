package dev.keyhold.keys.pkcs11;

import dev.keyhold.keys.KeyId;
import dev.keyhold.keys.KeyManager;
import dev.keyhold.keys.KeyManagerContract;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.transaction.support.TransactionTemplate;

/** The contract on a SoftHSM2 token: the keys are token objects, so the backend has no private key to hand the leak checks. */
class Pkcs11KeyManagerTests extends KeyManagerContract {

    private Pkcs11Backend backend;

    private Pkcs11KeyManager keys;

    @BeforeEach
    void start() {
        this.backend = new Pkcs11Backend();
        this.keys = this.backend.start();
    }

    @AfterEach
    void stop() {
        this.backend.close();
    }

    @Override
    protected KeyManager keyManager() {
        return this.keys;
    }

    @Override
    protected TransactionTemplate transactions() {
        return this.backend.database.transactions();
    }

    @Override
    protected Optional<byte[]> storedPrivateKey(KeyId id) {
        return Optional.empty(); // NOTE: sensitive and non-extractable: not even a test can read it
    }
}
