package io.github.mercurejakarta.auth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the keys an operator pastes into configuration: the first PEM block of the text.
 *
 * <p>Accepted: {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), {@code RSA PUBLIC KEY} (PKCS#1),
 * {@code CERTIFICATE} (its public key), {@code PRIVATE KEY} (PKCS#8) and {@code RSA PRIVATE KEY}
 * (PKCS#1). Encrypted keys and SEC1 {@code EC PRIVATE KEY} blocks are refused with the
 * {@code openssl} command that converts them.
 */
final class PemKeyReader {

    private static final String BEGIN = "-----BEGIN ";
    // Input is operator configuration, not network input, so java.util.regex is acceptable here.
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA");

    /** DER AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters. */
    private static final byte[] RSA_ALGORITHM_ID = {
        0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private PemKeyReader() {
    }

    /** @return true when the configuration value is PEM rather than an HMAC secret. */
    static boolean isPem(String configValue) {
        return configValue.strip().startsWith(BEGIN);
    }

    static PublicKey publicKey(String pem) {
        Block block = firstBlock(pem);
        return switch (block.label()) {
            case "PUBLIC KEY" -> decodePublic(block.der());
            case "RSA PUBLIC KEY" -> decodePublic(der(0x30, concat(RSA_ALGORITHM_ID, der(0x03, concat(new byte[] {0}, block.der())))));
            case "CERTIFICATE" -> certificateKey(block.der());
            case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
                    "a private key was given where a public key is expected; extract it with `openssl pkey -pubout`");
            default -> throw new IllegalArgumentException("unsupported PEM block: " + block.label());
        };
    }

    static PrivateKey privateKey(String pem) {
        Block block = firstBlock(pem);
        return switch (block.label()) {
            case "PRIVATE KEY" -> decodePrivate(block.der());
            case "RSA PRIVATE KEY" -> decodePrivate(der(0x30, concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM_ID, der(0x04, block.der()))));
            case "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
                    block.label() + " blocks are not supported; convert with `openssl pkcs8 -topk8 -nocrypt`");
            case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE" -> throw new IllegalArgumentException(
                    "a public key cannot sign; give the private key (PKCS#8 PEM)");
            default -> throw new IllegalArgumentException("unsupported PEM block: " + block.label());
        };
    }

    private static Block firstBlock(String text) {
        // Environment variables often carry PEM with literal "\n" escapes instead of line breaks.
        String normalized = text.replace("\\n", "\n");
        Matcher m = BLOCK.matcher(normalized);
        if (!m.find()) {
            throw new IllegalArgumentException("malformed PEM: no matching BEGIN/END lines");
        }
        String body = m.group(2).replaceAll("\\s", "");
        try {
            return new Block(m.group(1), Base64.getDecoder().decode(body));
        } catch (IllegalArgumentException e) {
            // Legacy encrypted PEM ("Proc-Type: 4,ENCRYPTED") lands here too.
            throw new IllegalArgumentException("malformed or encrypted PEM " + m.group(1) + " body");
        }
    }

    private static PublicKey decodePublic(byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        throw new IllegalArgumentException("unsupported public key (expected RSA, EC or Ed25519/Ed448)");
    }

    private static PrivateKey decodePrivate(byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        throw new IllegalArgumentException("unsupported private key (expected RSA, EC or Ed25519/Ed448)");
    }

    private static PublicKey certificateKey(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("malformed X.509 certificate", e);
        }
    }

    /** Encodes one DER TLV: tag, definite length, value. */
    private static byte[] der(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private record Block(String label, byte[] der) {
    }
}
