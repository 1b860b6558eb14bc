package io.github.mercurejakarta.server;

import io.github.mercurejakarta.testsupport.HttpCalls;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scrapes a hub's {@code /metrics} and reads its samples by name and labels. */
record MetricsEndpoint(String text, Map<String, Double> samples) {

    static MetricsEndpoint scrape(HubProcess hub) {
        URI uri = URI.create(hub.hubUrl().toString().replace("/.well-known/mercure", "/metrics"));
        HttpResponse<String> r = HttpCalls.get(uri);
        assertEquals(200, r.statusCode(), "GET /metrics answers 200; " + r.body());
        String type = r.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        java.util.List<String> parts = java.util.List.of(type.split(";"));
        assertTrue(parts.get(0).equals("text/plain") && parts.contains("version=0.0.4"),
                "the Prometheus text exposition format's media type, text/plain; version=0.0.4: " + type);
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new MetricsEndpoint(r.body(), samples);
    }

    /** @return the sample's value; fails when the hub does not expose it */
    double value(String sample) {
        Double v = samples.get(sample);
        if (v == null) {
            throw new AssertionError("no sample " + sample + " in\n" + text);
        }
        return v;
    }
}
