package dev.keyhold.system;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the JCA providers once per JVM: Amazon Corretto Crypto Provider first where its native library loads and
 * passes its self-tests, otherwise the JDK's own; Bouncy Castle is added last for PKIX parsing. Call
 * {@link #install()} before anything generates a key; {@link #preferred()} names the provider that will.
 */
public final class CryptoProviders {

    private static final Logger log = LoggerFactory.getLogger(CryptoProviders.class);

    private static volatile String preferred;

    private CryptoProviders() {}

    /** Installs the providers (idempotent) and logs, once, which one generates keys. */
    public static synchronized void install() {
        if (preferred != null) {
            return;
        }
        String chosen;
        if (Boolean.parseBoolean(
                System.getProperty("keyhold.crypto.accp", System.getenv().getOrDefault("KEYHOLD_ACCP", "true")))) {
            chosen = tryCorretto();
        } else {
            chosen = null;
            log.info("Amazon Corretto Crypto Provider disabled by configuration (KEYHOLD_ACCP=false)");
        }
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        if (chosen == null) {
            chosen = Security.getProviders("KeyPairGenerator.RSA")[0].getName();
        }
        preferred = chosen;
        log.info("Key generation and signing use the JCA provider {}", chosen);
    }

    /** The name of the provider that generates keys and signs, after {@link #install()}. */
    public static String preferred() {
        install();
        return preferred;
    }

    private static String tryCorretto() {
        try {
            AmazonCorrettoCryptoProvider.install();
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            Provider p = Security.getProviders()[0];
            return p.getName();
        } catch (Throwable ex) { // NOTE: a missing native library surfaces as an Error, not an Exception
            log.warn(
                    "Amazon Corretto Crypto Provider is not available on this platform ({}); using the JDK's providers",
                    ex.toString());
            Security.removeProvider("AmazonCorrettoCryptoProvider");
            return null;
        }
    }
}
