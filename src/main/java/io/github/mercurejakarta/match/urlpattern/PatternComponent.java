package io.github.mercurejakarta.match.urlpattern;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.github.mercurejakarta.match.urlpattern.PatternParser.Options;
import io.github.mercurejakarta.match.urlpattern.PatternParser.Part;
import io.github.mercurejakarta.match.urlpattern.PatternParser.PartType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One compiled component of a URL pattern: its normalised pattern string and an RE2 program, which
 * matches in time linear in the input whatever the pattern.
 */
final class PatternComponent {

    private final String patternString;
    private final Pattern regexp;
    private final List<String> groupNames;
    private final boolean[] emptyMeansAbsent;
    private final boolean hasRegexpGroups;

    private PatternComponent(String patternString, Pattern regexp, List<String> groupNames,
            boolean[] emptyMeansAbsent, boolean hasRegexpGroups) {
        this.patternString = patternString;
        this.regexp = regexp;
        this.groupNames = groupNames;
        this.emptyMeansAbsent = emptyMeansAbsent;
        this.hasRegexpGroups = hasRegexpGroups;
    }

    static PatternComponent compile(String input, UnaryOperator<String> encoding, Options options) {
        List<Part> parts = PatternParser.parse(input, options, encoding);
        List<String> names = new ArrayList<>();
        String source = PatternParser.generateRegexp(parts, options, names);
        Pattern regexp;
        try {
            regexp = Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            throw new InvalidUrlPatternException("invalid or unsupported regular expression in '" + input
                    + "' (lookaround and backreferences are not available): " + e.getDescription(), e);
        }
        if (regexp.groupCount() != names.size()) {
            throw new InvalidUrlPatternException("capturing groups inside a regexp group are not supported: " + input);
        }
        // ECMAScript never lets an optional group "(x)?" take an empty iteration: where RE2 captures ""
        // there, JavaScript reports the group as undefined. Only bare optional parts are affected: a
        // prefix or suffix makes the iteration non-empty.
        boolean[] emptyMeansAbsent = new boolean[names.size()];
        int group = 0;
        for (Part p : parts) {
            if (p.type() != PartType.FIXED_TEXT) {
                emptyMeansAbsent[group++] = p.modifier() == PatternParser.Modifier.OPTIONAL
                        && p.prefix().isEmpty() && p.suffix().isEmpty();
            }
        }
        boolean hasRegexpGroups = parts.stream().anyMatch(p -> p.type() == PartType.REGEXP);
        return new PatternComponent(PatternParser.generatePatternString(parts, options), regexp, names,
                emptyMeansAbsent, hasRegexpGroups);
    }

    String patternString() {
        return patternString;
    }

    boolean hasRegexpGroups() {
        return hasRegexpGroups;
    }

    boolean matches(String input) {
        return regexp.matches(input);
    }

    /** @return the groups of a match of the whole input, or null when it does not match */
    ComponentResult exec(String input) {
        Matcher m = regexp.matcher(input);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> groups = new LinkedHashMap<>();
        for (int i = 0; i < groupNames.size(); i++) {
            String value = m.group(i + 1);
            groups.put(groupNames.get(i), emptyMeansAbsent[i] && "".equals(value) ? null : value);
        }
        return new ComponentResult(input, groups);
    }
}
