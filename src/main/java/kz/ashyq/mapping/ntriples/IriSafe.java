package kz.ashyq.mapping.ntriples;

import java.nio.charset.StandardCharsets;

/**
 * R2RML's IRI-safe form of a value put into an IRI template: every character that is not
 * {@code iunreserved} (RFC 3987: letters, digits, {@code - . _ ~} and non-ASCII ucschar) is
 * percent-encoded as UTF-8. Cyrillic keys stay readable; spaces, quotes and slashes do not
 * leak into the IRI.
 */
public final class IriSafe {

    static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private IriSafe() {}

    /** The IRI-safe form of a value. */
    public static String encode(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        append(sb, value);
        return sb.toString();
    }

    public static void append(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isUnreserved(c)) {
                sb.append(c);
            } else if (c >= 0xA0 && !Character.isSurrogate(c) && isUcs(c)) {
                sb.append(c);
            } else {
                for (byte b : utf8At(value, i)) {
                    sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
                if (Character.isSupplementaryCodePoint(value.codePointAt(i))) {
                    i++;
                }
            }
        }
    }

    /** The UTF-8 bytes of the character at {@code i}: a surrogate pair whole, a lone surrogate as {@code ?}. */
    static byte[] utf8At(String value, int i) {
        return new String(Character.toChars(value.codePointAt(i))).getBytes(StandardCharsets.UTF_8);
    }

    static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    // ucschar of RFC 3987 within the BMP, without the private use area and the specials.
    static boolean isUcs(char c) {
        return (c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFEF);
    }
}
