package io.github.mercurejakarta.http;

import io.github.mercurejakarta.Update;
import io.github.mercurejakarta.auth.Grants;
import io.github.mercurejakarta.config.MercureConfig;
import io.github.mercurejakarta.exceptions.HubUnavailableException;
import io.github.mercurejakarta.exceptions.InvalidUpdateException;
import io.github.mercurejakarta.hub.Hub;
import io.github.mercurejakarta.hub.Limit;
import io.github.mercurejakarta.hub.transport.TransportException;
import io.github.mercurejakarta.protocol.Dialect;
import io.github.mercurejakarta.protocol.FieldRules;
import io.github.mercurejakarta.protocol.InvalidFieldException;
import io.github.mercurejakarta.protocol.UpdateRules;
import io.github.mercurejakarta.tracing.TraceScope;

import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a publish request (POST) means: its token (header, or cookie from an allowed origin) grants
 * publishing, its form becomes an update the hub dispatches; or the failure's status, headers and body.
 */
final class PublishRequests {

    private static final Logger LOG = Logger.getLogger(PublishRequests.class.getName());

    private final MercureConfig config;
    private final Hub hub;
    private final Cors cors;
    private final HubAuthorization authorization;

    PublishRequests(MercureConfig config, Hub hub, Cors cors, HubAuthorization authorization) {
        this.config = config;
        this.hub = hub;
        this.cors = cors;
        this.authorization = authorization;
    }

    /** @see HubProtocol#publish */
    HubResponse publish(HubRequest request, byte[] body) {
        return interpret(request, body).headers(cors.headers(request));
    }

    private HubResponse interpret(HubRequest request, byte[] body) {
        if (!config.allowPublish()) {
            return HubResponse.of(405, "publishing over HTTP is disabled on this hub (mercure.hub.allow.publish)")
                    .header("Allow", "GET, OPTIONS");
        }
        if (body == null) {
            hub.metrics().limitRejected(Limit.BODY_SIZE, "a body over " + config.maxBodySize() + " bytes");
            return HubResponse.of(413, "the body exceeds " + config.maxBodySize() + " bytes");
        }
        BearerToken token = BearerToken.find(request, Dialect.DRAFT_08, null, authorization.allCookieNames());
        if (token.malformed()) {
            return HubAuthorization.invalidRequest(token.problem());
        }
        if (!token.present()) {
            return HubAuthorization.challenge();
        }
        if (token.source() == BearerToken.Source.COOKIE) {
            HubResponse csrf = checkPublishOrigin(request);
            if (csrf != null) {
                return csrf;
            }
        }
        Grants grants = authorization.verifyPublisher(token.value(), request);
        if (grants == null) {
            return HubAuthorization.invalidToken();
        }
        String contentType = request.header("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return HubResponse.of(400, "the body must be application/x-www-form-urlencoded");
        }
        Update update;
        try {
            update = update(FormData.parse(body));
        } catch (BadRequest | InvalidUpdateException | InvalidFieldException e) {
            return HubResponse.of(400, e.getMessage());
        } catch (MalformedFormException e) {
            return HubResponse.of(400, "the body is not a valid UTF-8 form: " + e.getMessage());
        }
        if (!grants.mayPublishAll(update.topics())) {
            return HubResponse.of(403, "the token does not grant publishing on every topic of the update")
                    .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        }
        // the publish span is a child of the publisher's trace (traceparent), unless the server traces the request itself
        try (TraceScope remote = hub.tracing().continueFrom(request::header)) {
            String id = hub.publish(update);
            return HubResponse.of(200, id);
        } catch (InvalidUpdateException e) {
            return HubResponse.of(400, e.getMessage());
        } catch (TransportException e) {
            LOG.log(Level.WARNING, "MERCURE0101W publish failed: transport unavailable: {0}", e.getMessage());
            return HubResponse.of(503, "the hub cannot accept updates right now");
        } catch (HubUnavailableException e) {
            return HubResponse.of(503, "the hub is shutting down");
        }
    }

    private Update update(FormData form) {
        List<String> topics = form.all("topic");
        if (topics.isEmpty()) {
            throw new BadRequest("missing topic");
        }
        if (topics.size() > config.maxTopics()) {
            hub.metrics().limitRejected(Limit.TOPICS, topics.size() + " topics in one update");
            throw new BadRequest("too many topics: " + topics.size() + " (at most " + config.maxTopics() + ")");
        }
        Update.Builder b = Update.builder().topics(topics);
        if (form.has("data")) {
            b.data(form.first("data"));
        }
        // the field's presence alone makes the update private, whatever its value (spec: never read it)
        b.privateUpdate(form.has("private"));
        String id = form.first("id");
        if (id != null && !id.isEmpty()) {
            b.id(id);
        }
        String type = form.first("type");
        if (type != null && !type.isEmpty()) {
            b.type(type);
        }
        String retry = form.first("retry");
        if (retry != null && !retry.isEmpty()) {
            b.retry(FieldRules.parseRetry(retry));
        }
        Update u = b.build();
        UpdateRules.check(u, config.maxTopics());
        return u;
    }

    private HubResponse checkPublishOrigin(HubRequest request) {
        String origin = request.header("Origin");
        if (origin == null) {
            String referer = request.header("Referer");
            if (referer != null) {
                try {
                    java.net.URI u = new java.net.URI(referer);
                    origin = u.getScheme() + "://" + u.getRawAuthority();
                } catch (java.net.URISyntaxException | NullPointerException e) {
                    origin = null;
                }
            }
        }
        if (origin == null) {
            return HubAuthorization.invalidRequest("publishing with a cookie needs an Origin or Referer header");
        }
        if (!config.publishOrigins().contains(origin)) {
            return HubAuthorization.invalidRequest("origin not allowed to publish with a cookie: " + origin);
        }
        return null;
    }

}
