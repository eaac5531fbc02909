package io.tradewind.localaws.mq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The brokers' TLS identity in an emulated region set: a self-signed certificate for {@code localhost} and {@code
 * 127.0.0.1}, made at start with a random password, in a PKCS12 keystore the brokers serve it from, and a PKCS12
 * truststore holding the certificate alone, which every client the sandbox starts is given. Made anew at every start,
 * so no key outlives the sandbox that used it.
 *
 * @param keystore the brokers' key and certificate (PKCS12)
 * @param truststore the certificate alone (PKCS12), what clients trust
 * @param passwordFile the password of both stores, readable by its owner only, for clients outside this process
 */
public record BrokerTls(Path keystore, Path truststore, Path passwordFile, String password) {
    /** The type of both stores. */
    public static final String STORE_TYPE = "PKCS12";

    private static final String ALIAS = "tradewind-broker";
    private static final Duration VALIDITY = Duration.ofDays(365);

    public BrokerTls {
        if (password == null || password.isEmpty()) throw new IllegalArgumentException("password is empty");
    }

    /** Makes a key pair and its certificate, and writes both stores and the password file into {@code dir}. */
    public static BrokerTls generate(Path dir) {
        try {
            Files.createDirectories(dir);
            SecureRandom random = new SecureRandom();
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = selfSigned(pair, random);

            KeyStore keys = KeyStore.getInstance(STORE_TYPE);
            keys.load(null, null);
            keys.setKeyEntry(ALIAS, pair.getPrivate(), password.toCharArray(), new X509Certificate[] {certificate});
            KeyStore trust = KeyStore.getInstance(STORE_TYPE);
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);

            BrokerTls tls = new BrokerTls(
                    dir.resolve("broker-keystore.p12"),
                    dir.resolve("truststore.p12"),
                    dir.resolve("truststore.password"),
                    password);
            write(keys, tls.keystore(), password);
            write(trust, tls.truststore(), password);
            writeOwnerOnly(tls.passwordFile(), password);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the brokers' TLS stores into " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the brokers' TLS certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name subject = new X500Name("CN=localhost, O=Tradewind sandbox");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                new BigInteger(64, random),
                Date.from(now.minus(Duration.ofMinutes(5))), // a clock a little behind still accepts it
                Date.from(now.plus(VALIDITY)),
                subject,
                pair.getPublic());
        // Clients verify the host they dialled against these names (ActiveMQ's verifyHostName is on by default).
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
        }));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        X509CertificateHolder holder =
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static void write(KeyStore store, Path file, String password) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The brokers' key, for their ssl:// connectors. */
    public KeyManager[] keyManagers() {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(load(keystore), password.toCharArray());
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the brokers' keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    /** Trust in the brokers' certificate alone, for a client of this process. */
    public TrustManager[] trustManagers() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(load(truststore));
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the truststore " + truststore + ": " + e.getMessage(), e);
        }
    }

    private KeyStore load(Path file) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(STORE_TYPE);
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Never the password: this value is printed and logged. */
    @Override
    public String toString() {
        return "BrokerTls[keystore=" + keystore + ", truststore=" + truststore + ", passwordFile=" + passwordFile
                + ", password=***]";
    }
}
