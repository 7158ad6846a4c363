package org.languagetool.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for LanguageTool's HTTP server, with its class name and command line
 * ({@code java -cp languagetool-server.jar org.languagetool.server.HTTPServer -p PORT}),
 * so cliniclint's tests can start, use and stop a "local LanguageTool" without the
 * real one. It reports the first word of every text as a misspelling. With
 * CLINICLINT_STAND_IN_FAIL set, it prints that and exits 1, as a broken install would.
 */
public class HTTPServer {
    public static void main(String[] args) throws IOException {
        String failure = System.getenv("CLINICLINT_STAND_IN_FAIL");
        if (failure != null) {
            System.err.println(failure);
            System.exit(1);
        }
        int port = 8081;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-p") || args[i].equals("--port")) {
                port = Integer.parseInt(args[i + 1]);
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v2/healthcheck", exchange -> send(exchange, "text/plain", "OK"));
        server.createContext("/v2/languages", exchange -> send(exchange, "application/json",
                "[{\"name\":\"English (US)\",\"code\":\"en\",\"longCode\":\"en-US\"}]"));
        server.createContext("/v2/check", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String text = "";
            for (String pair : form.split("&")) {
                if (pair.startsWith("text=")) {
                    text = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
                }
            }
            int end = text.indexOf(' ');
            if (end < 0) {
                end = text.length();
            }
            send(exchange, "application/json", "{\"matches\":[{\"message\":\"Possible spelling mistake found.\","
                    + "\"replacements\":[],\"offset\":0,\"length\":" + end + ",\"rule\":{\"id\":\"STAND_IN_RULE\","
                    + "\"issueType\":\"misspelling\",\"category\":{\"id\":\"TYPOS\",\"name\":\"Possible Typo\"}}}]}");
        });
        server.start();
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
