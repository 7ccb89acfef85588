package dev.keyhold.e2e;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Opens a CSR's sealed private key from outside the server, with the KEK keystore and its password file, the way the
 * local backend does (AES-256-GCM, {@code nonce(12) || ciphertext || tag}, associated data binding the row), and signs
 * with it: proof that the key the database holds for a CSR is whole and is the CSR's key.
 */
final class SealedKeyProbe {

    private static final String CONTEXT = "keyhold sealed private key v1";

    private final KeyStore keystore;

    private final char[] password;

    SealedKeyProbe(Path keystore, Path passwordFile) throws Exception {
        this.password =
                Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        this.keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            this.keystore.load(in, this.password);
        }
    }

    /** Whether the CSR's stored key unseals and makes a signature that the CSR's public key verifies. */
    boolean signsFor(Connection connection, String schema, String csrId, String csrPem) throws Exception {
        String prefix = schema == null ? "" : schema + ".";
        try (PreparedStatement select = connection.prepareStatement("select k.id, k.key_type, k.public_key, k.sealed,"
                + " k.kek_version from " + prefix + "sealed_keys k join " + prefix + "custom_csrs c on c.key_id = k.id"
                + " where c.id = ?")) {
            select.setString(1, csrId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                PrivateKey key =
                        unseal(rs.getString(1).strip(), rs.getString(2), rs.getBytes(3), rs.getBytes(4), rs.getInt(5));
                String algorithm = rs.getString(2).startsWith("rsa") ? "SHA256withRSA" : "SHA256withECDSA";
                byte[] challenge = ("crash probe " + csrId).getBytes(StandardCharsets.US_ASCII);
                Signature signer = Signature.getInstance(algorithm);
                signer.initSign(key);
                signer.update(challenge);
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance(algorithm);
                verifier.initVerify(publicKeyOf(csrPem));
                verifier.update(challenge);
                return verifier.verify(signature);
            }
        }
    }

    private PrivateKey unseal(String id, String type, byte[] publicKey, byte[] sealed, int kekVersion)
            throws Exception {
        SecretKey kek = (SecretKey) this.keystore.getKey("kek-" + kekVersion, this.password);
        ByteArrayOutputStream associated = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(associated)) {
            out.writeUTF(CONTEXT);
            out.writeUTF(id);
            out.writeUTF(type);
            out.writeInt(kekVersion);
            out.write(MessageDigest.getInstance("SHA-256").digest(publicKey));
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(128, sealed, 0, 12));
        cipher.updateAAD(associated.toByteArray());
        byte[] pkcs8 = cipher.doFinal(sealed, 12, sealed.length - 12);
        try {
            return KeyFactory.getInstance(type.startsWith("rsa") ? "RSA" : "EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static PublicKey publicKeyOf(String csrPem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            return new JcaPKCS10CertificationRequest((PKCS10CertificationRequest) parser.readObject()).getPublicKey();
        }
    }
}
