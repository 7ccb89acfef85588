package dev.keyhold;

import dev.keyhold.keys.KekCommand;
import dev.keyhold.system.CryptoProviders;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: starts the Keyhold server, or runs an admin command ({@code kek ...}) and exits. */
@SpringBootApplication
public class Keyhold {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("kek")) {
            System.exit(KekCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        // NOTE: loading Bouncy Castle's and ACCP's providers takes a second or two; it overlaps Spring's start, and
        // whatever uses a provider calls CryptoProviders.install(), which waits for it
        Thread providers = new Thread(CryptoProviders::install, "keyhold-crypto-providers");
        providers.setDaemon(true);
        providers.start();
        SpringApplication.run(Keyhold.class, args);
    }
}
