package io.github.mercurejakarta.examples.chat;

import jakarta.el.ELProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages: HTML files with {@code #{...}} Jakarta EL expressions, evaluated with CDI's ELResolver as a
 * Faces or JSP page would be, so {@code #{mercure.hubUrl(...)}} calls the library's bean named
 * {@code mercure}. Each expression's value is HTML-escaped.
 */
@ApplicationScoped
public class PageTemplates {

    private static final Pattern EXPRESSION = Pattern.compile("#\\{([^}]*)}");

    @Inject
    BeanManager beanManager;

    private final Map<String, String> sources = new ConcurrentHashMap<>();

    /**
     * @param name  a file of {@code web/} next to this class, e.g. {@code room.html}
     * @param beans the names the page refers to besides CDI's named beans, e.g. {@code page}
     */
    public String render(String name, Map<String, Object> beans) {
        ELProcessor el = new ELProcessor();
        el.getELManager().addELResolver(beanManager.getELResolver());
        beans.forEach(el::defineBean);
        Matcher m = EXPRESSION.matcher(sources.computeIfAbsent(name, PageTemplates::load));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = el.eval(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(escape(value == null ? "" : value.toString())));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String load(String name) {
        try (InputStream in = PageTemplates.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no page " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
