package ${package};

/**
 * A greeting, published as JSON ({@code {"text":"..."}}) by {@link GreetingResource}.
 *
 * @param text what was said
 */
public record Greeting(String text) {
}
