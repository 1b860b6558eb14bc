package ${package};

import io.github.mercurejakarta.MercureTopic;

/**
 * A CDI event that is also a Mercure update: every {@code Clicked} fired is published to the topic below
 * (${hello.topic} is the MicroProfile Config value, read at deployment) as the SSE event "clicks", with the
 * record as JSON data ({@code {"total":3}}).
 *
 * @param total clicks counted since the application started
 */
@MercureTopic(value = "${hello.topic}/clicks", type = "clicks")
public record Clicked(long total) {
}
