package kz.ashyq.server;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who a request counts against in the limits: the address that connected, or, when that is one
 * of the operator's trusted reverse proxies, the address the proxies name in
 * {@code X-Forwarded-For}. The header is read from the right, past the trusted proxies, since
 * the left of it is whatever the client wrote; from any other address it is ignored.
 */
final class ClientAddress {

    private static final java.util.regex.Pattern IP_LITERAL = java.util.regex.Pattern.compile("[0-9A-Fa-f.:]+");

    private final Set<String> trusted = new HashSet<>();

    ClientAddress(Set<String> trustedProxies) {
        for (String p : trustedProxies) {
            String a = normal(p);
            if (a != null) {
                trusted.add(a);
            }
        }
    }

    private static final String ATTRIBUTE = "kz.ashyq.client";

    /** The client's address, in one canonical form per address; worked out once per request. */
    String of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String kept) {
            return kept;
        }
        String client = resolve(request);
        request.setAttribute(ATTRIBUTE, client);
        return client;
    }

    private String resolve(HttpServletRequest request) {
        String remote = normal(request.getRemoteAddr());
        if (remote == null) {
            return request.getRemoteAddr();
        }
        if (!trusted.contains(remote)) {
            return remote;
        }
        Enumeration<String> headers = request.getHeaders("X-Forwarded-For");
        List<String> hops = new java.util.ArrayList<>();
        for (String h : headers == null ? List.<String>of() : Collections.list(headers)) {
            for (String part : h.split(",")) {
                hops.add(part.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String a = normal(hops.get(i));
            if (a == null) {
                return remote; // a hop that is no address: nothing left of it can be believed
            }
            if (!trusted.contains(a)) {
                return a;
            }
        }
        return remote;
    }

    /** An IP literal in canonical form ({@code ::1} for {@code [0:0:0:0:0:0:0:1]}), or null. */
    static String normal(String address) {
        if (address == null) {
            return null;
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        // literals only: a name here must never become a DNS lookup
        if (!IP_LITERAL.matcher(a).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(a).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
