package kz.ashyq.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Cross-origin reading for every web page's scripts: any origin may read what a GET or HEAD
 * answers, and a query POSTed to the endpoint. Writes (the admin routes) are not opened.
 */
final class Cors extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")
                || method.equals("POST") && CostClass.of(request) == CostClass.QUERY) {
            response.setHeader("Access-Control-Allow-Origin", "*");
        }
        chain.doFilter(request, response);
    }
}
