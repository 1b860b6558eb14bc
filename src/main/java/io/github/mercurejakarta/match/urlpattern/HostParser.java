package io.github.mercurejakarta.match.urlpattern;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The WHATWG host parser: domains (lower-cased, IDNA via {@link IDN}), IPv4 in all the legacy
 * notations browsers accept ({@code 0x7f.1}), IPv6 with compression, and opaque hosts of
 * non-special URLs. Every method returns the serialized host or {@code null} on failure.
 */
final class HostParser {

    private HostParser() {
    }

    static String parse(String input, boolean isOpaque) {
        if (input.startsWith("[")) {
            if (!input.endsWith("]") || input.length() < 2) {
                return null;
            }
            int[] pieces = parseIpv6(input.substring(1, input.length() - 1));
            return pieces == null ? null : "[" + serializeIpv6(pieces) + "]";
        }
        if (isOpaque) {
            return parseOpaqueHost(input);
        }
        String domain = new String(percentDecode(input), StandardCharsets.UTF_8);
        String asciiDomain = domainToAscii(domain);
        if (asciiDomain == null) {
            return null;
        }
        if (endsInANumber(asciiDomain)) {
            return parseIpv4(asciiDomain);
        }
        return asciiDomain;
    }

    static boolean isForbiddenHostCodePoint(int c) {
        return switch (c) {
            case 0, '\t', '\n', '\r', ' ', '#', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|' -> true;
            default -> false;
        };
    }

    static boolean isForbiddenDomainCodePoint(int c) {
        return isForbiddenHostCodePoint(c) || (c >= 0 && c <= 0x1F) || c == '%' || c == 0x7F;
    }

    private static String parseOpaqueHost(String input) {
        if (input.codePoints().anyMatch(HostParser::isForbiddenHostCodePoint)) {
            return null;
        }
        return WhatwgUrl.percentEncode(input, WhatwgUrl.EncodeSet.C0_CONTROL);
    }

    /**
     * UTS #46 ToASCII as the URL standard calls it (not strict). ASCII input is only lower-cased:
     * that is what UTS #46 mapping does to ASCII and avoids {@link IDN}'s 63-octet label limit, which
     * the URL standard does not enforce. Non-ASCII input goes through IDNA2003 ({@link IDN}), which
     * agrees with UTS #46 for the common cases (case folding, full-width dots, punycode).
     */
    static String domainToAscii(String domain) {
        String result;
        if (domain.chars().allMatch(c -> c < 0x80)) {
            result = domain.toLowerCase(Locale.ROOT);
        } else {
            try {
                result = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (result.isEmpty() || result.codePoints().anyMatch(HostParser::isForbiddenDomainCodePoint)) {
            return null;
        }
        return result;
    }

    static byte[] percentDecode(String input) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '%' && i + 2 < bytes.length && WhatwgUrl.isAsciiHexDigit(bytes[i + 1])
                    && WhatwgUrl.isAsciiHexDigit(bytes[i + 2])) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------
    // IPv4

    static boolean endsInANumber(String input) {
        List<String> parts = new ArrayList<>(List.of(input.split("\\.", -1)));
        if (parts.get(parts.size() - 1).isEmpty()) {
            if (parts.size() == 1) {
                return false;
            }
            parts.remove(parts.size() - 1);
        }
        String last = parts.get(parts.size() - 1);
        if (!last.isEmpty() && last.chars().allMatch(WhatwgUrl::isAsciiDigit)) {
            return true;
        }
        return parseIpv4Number(last) != null;
    }

    private static BigInteger parseIpv4Number(String input) {
        if (input.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = input;
        if (digits.length() >= 2 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
            digits = digits.substring(2);
            radix = 16;
        } else if (digits.length() >= 2 && digits.startsWith("0")) {
            digits = digits.substring(1);
            radix = 8;
        }
        if (digits.isEmpty()) {
            return BigInteger.ZERO;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 0x7F) {
                return null;
            }
        }
        return new BigInteger(digits, radix);
    }

    private static String parseIpv4(String input) {
        List<String> parts = new ArrayList<>(List.of(input.split("\\.", -1)));
        if (parts.get(parts.size() - 1).isEmpty() && parts.size() > 1) {
            parts.remove(parts.size() - 1);
        }
        if (parts.size() > 4) {
            return null;
        }
        List<BigInteger> numbers = new ArrayList<>();
        for (String part : parts) {
            BigInteger n = parseIpv4Number(part);
            if (n == null) {
                return null;
            }
            numbers.add(n);
        }
        BigInteger max255 = BigInteger.valueOf(255);
        for (int i = 0; i < numbers.size() - 1; i++) {
            if (numbers.get(i).compareTo(max255) > 0) {
                return null;
            }
        }
        BigInteger last = numbers.get(numbers.size() - 1);
        if (last.compareTo(BigInteger.valueOf(256).pow(5 - numbers.size())) >= 0) {
            return null;
        }
        long ipv4 = last.longValue();
        for (int i = 0; i < numbers.size() - 1; i++) {
            ipv4 += numbers.get(i).longValue() << (8 * (3 - i));
        }
        return ((ipv4 >> 24) & 0xFF) + "." + ((ipv4 >> 16) & 0xFF) + "." + ((ipv4 >> 8) & 0xFF) + "." + (ipv4 & 0xFF);
    }

    // ---------------------------------------------------------------------------------------------
    // IPv6

    static int[] parseIpv6(String s) {
        int[] address = new int[8];
        int pieceIndex = 0;
        int compress = -1;
        int pointer = 0;
        int len = s.length();
        if (pointer < len && s.charAt(pointer) == ':') {
            if (pointer + 1 >= len || s.charAt(pointer + 1) != ':') {
                return null;
            }
            pointer += 2;
            pieceIndex++;
            compress = pieceIndex;
        }
        while (pointer < len) {
            if (pieceIndex == 8) {
                return null;
            }
            if (s.charAt(pointer) == ':') {
                if (compress != -1) {
                    return null;
                }
                pointer++;
                pieceIndex++;
                compress = pieceIndex;
                continue;
            }
            int value = 0;
            int length = 0;
            while (length < 4 && pointer < len && WhatwgUrl.isAsciiHexDigit(s.charAt(pointer))) {
                value = value * 0x10 + Character.digit(s.charAt(pointer), 16);
                pointer++;
                length++;
            }
            if (pointer < len && s.charAt(pointer) == '.') {
                if (length == 0) {
                    return null;
                }
                pointer -= length;
                if (pieceIndex > 6) {
                    return null;
                }
                int numbersSeen = 0;
                while (pointer < len) {
                    int ipv4Piece = -1;
                    if (numbersSeen > 0) {
                        if (s.charAt(pointer) == '.' && numbersSeen < 4) {
                            pointer++;
                        } else {
                            return null;
                        }
                    }
                    if (pointer >= len || !WhatwgUrl.isAsciiDigit(s.charAt(pointer))) {
                        return null;
                    }
                    while (pointer < len && WhatwgUrl.isAsciiDigit(s.charAt(pointer))) {
                        int number = s.charAt(pointer) - '0';
                        if (ipv4Piece == -1) {
                            ipv4Piece = number;
                        } else if (ipv4Piece == 0) {
                            return null;
                        } else {
                            ipv4Piece = ipv4Piece * 10 + number;
                        }
                        if (ipv4Piece > 255) {
                            return null;
                        }
                        pointer++;
                    }
                    address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
                    numbersSeen++;
                    if (numbersSeen == 2 || numbersSeen == 4) {
                        pieceIndex++;
                    }
                }
                if (numbersSeen != 4) {
                    return null;
                }
                break;
            } else if (pointer < len && s.charAt(pointer) == ':') {
                pointer++;
                if (pointer >= len) {
                    return null;
                }
            } else if (pointer < len) {
                return null;
            }
            address[pieceIndex] = value;
            pieceIndex++;
        }
        if (compress != -1) {
            int swaps = pieceIndex - compress;
            pieceIndex = 7;
            while (pieceIndex != 0 && swaps > 0) {
                int tmp = address[pieceIndex];
                address[pieceIndex] = address[compress + swaps - 1];
                address[compress + swaps - 1] = tmp;
                pieceIndex--;
                swaps--;
            }
        } else if (pieceIndex != 8) {
            return null;
        }
        return address;
    }

    static String serializeIpv6(int[] address) {
        // the first longest run of two or more zero pieces is compressed to "::"
        int compress = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (address[i] == 0) {
                int j = i;
                while (j < 8 && address[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestLen = j - i;
                    compress = i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder out = new StringBuilder();
        boolean ignore0 = false;
        for (int i = 0; i < 8; i++) {
            if (ignore0 && address[i] == 0) {
                continue;
            }
            ignore0 = false;
            if (compress == i) {
                out.append(i == 0 ? "::" : ":");
                ignore0 = true;
                continue;
            }
            out.append(Integer.toHexString(address[i]));
            if (i != 7) {
                out.append(':');
            }
        }
        return out.toString();
    }
}
