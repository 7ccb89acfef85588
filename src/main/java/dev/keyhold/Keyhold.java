package dev.keyhold;

import dev.keyhold.system.CryptoProviders;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: starts the Keyhold server. */
@SpringBootApplication
public class Keyhold {

    public static void main(String[] args) {
        // NOTE: loading Bouncy Castle's and ACCP's providers takes a second or two; it overlaps Spring's start, and
        // whatever uses a provider calls CryptoProviders.install(), which waits for it
        Thread providers = new Thread(CryptoProviders::install, "keyhold-crypto-providers");
        providers.setDaemon(true);
        providers.start();
        SpringApplication.run(Keyhold.class, args);
    }
}
