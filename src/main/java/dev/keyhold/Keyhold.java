package dev.keyhold;

import dev.keyhold.system.CryptoProviders;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: starts the Keyhold server. */
@SpringBootApplication
public class Keyhold {

    public static void main(String[] args) {
        CryptoProviders.install();
        SpringApplication.run(Keyhold.class, args);
    }
}
