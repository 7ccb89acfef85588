package dev.keyhold.keys.local;

import dev.keyhold.keys.KekAdministration.Verification;
import dev.keyhold.keys.KeyUnsealException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code kek verify}: unseals every local key (pooled ones included), signs a fixed message with it and verifies the
 * signature with the stored public key, so an operator knows after a rotation or a retirement that every key still
 * works. Failures name the key id and the reason, never key material.
 */
final class KeyVerification {

    private static final int PAGE = 200;

    private static final byte[] MESSAGE = "keyhold kek verify".getBytes(StandardCharsets.US_ASCII);

    private final KekStore keks;

    private final KeySealer sealer;

    private final SealedKeyRepository keys;

    private final KekRotationRepository rotations;

    KeyVerification(KekStore keks, KeySealer sealer, SealedKeyRepository keys, KekRotationRepository rotations) {
        this.keks = keks;
        this.sealer = sealer;
        this.keys = keys;
        this.rotations = rotations;
    }

    Verification run(Consumer<String> progress) {
        KekReload reload = new KekReload(this.keks, this.keys);
        List<String> failures = new ArrayList<>();
        long checked = 0;
        String after = "";
        List<SealedKeyRepository.Row> page;
        do {
            page = this.rotations.page(after, PAGE);
            for (SealedKeyRepository.Row row : page) {
                reload.beforeUnseal(row.kekVersion()); // a rotation running meanwhile may have added a KEK
                String failure = check(row);
                if (failure != null) {
                    failures.add("key " + row.id() + " (kek-" + row.kekVersion() + "): " + failure);
                }
                checked++;
                after = row.id().value();
            }
            if (page.size() == PAGE) {
                progress.accept("Checked " + checked + " key(s)");
            }
        } while (page.size() == PAGE);
        return new Verification(checked, List.copyOf(failures));
    }

    private String check(SealedKeyRepository.Row row) {
        byte[] pkcs8;
        try {
            pkcs8 = this.sealer.unseal(row.id(), row.type(), row.kekVersion(), row.publicKey(), row.sealed());
        } catch (KeyUnsealException ex) {
            return ex.getMessage();
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(row.type().algorithm());
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(row.publicKey()));
            Signature signer = Signature.getInstance(row.type().signatureAlgorithm());
            signer.initSign(privateKey);
            signer.update(MESSAGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(row.type().signatureAlgorithm());
            verifier.initVerify(publicKey);
            verifier.update(MESSAGE);
            return verifier.verify(signature) ? null : "its signature does not verify with its stored public key";
        } catch (GeneralSecurityException ex) {
            return "cannot sign with it (" + ex.getClass().getSimpleName() + ")";
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }
}
