package dev.keyhold.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Capacity figures measured without the server: RSA-2048 key generation on every core with the JDK's provider and
 * with Amazon Corretto Crypto Provider, and {@code openssl req -newkey rsa:2048} run one after another.
 */
final class Baselines {

    private Baselines() {}

    /** The ACCP provider, or null (with the reason on stderr) when it cannot load here. */
    static Provider accp() {
        try {
            Provider p = AmazonCorrettoCryptoProvider.INSTANCE;
            AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
            return p;
        } catch (Throwable ex) {
            System.err.println("bench: ACCP is not usable here: " + ex);
            return null;
        }
    }

    static Provider jdk() {
        return Security.getProvider("SunRsaSign");
    }

    /** {@code threads} threads generating RSA-2048 keys for {@code length}; one latency per key, in a measurement. */
    static Measurement rsaKeygen(Provider provider, int threads, Duration length) {
        Measurement m = new Measurement();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long cpu0 = cpu();
        AtomicLong failures = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", provider);
                    g.initialize(2048);
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        g.generateKeyPair();
                        m.record(System.nanoTime() - t0, true, null);
                    }
                } catch (GeneralSecurityException ex) {
                    failures.incrementAndGet();
                    m.record(0, false, provider.getName() + ": " + ex);
                }
            });
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        m.finish(System.nanoTime() - start, cpu() - cpu0);
        return m;
    }

    /** Runs {@code openssl req -new -newkey rsa:2048 ...} {@code times} times in a row; one latency per run. */
    static Measurement opensslReq(int times) {
        Measurement m = new Measurement();
        long start = System.nanoTime();
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            try {
                Process p = new ProcessBuilder(
                                "openssl",
                                "req",
                                "-new",
                                "-newkey",
                                "rsa:2048",
                                "-nodes",
                                "-subj",
                                "/CN=bench.example",
                                "-keyout",
                                "/dev/null",
                                "-out",
                                "/dev/null")
                        .redirectErrorStream(true)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = p.waitFor();
                m.record(System.nanoTime() - t0, exit == 0, "openssl exited with " + exit + ": " + output);
            } catch (IOException ex) {
                m.record(System.nanoTime() - t0, false, "cannot run openssl: " + ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        m.finish(System.nanoTime() - start, 0);
        return m;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
