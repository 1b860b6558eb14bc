package io.github.mercurejakarta.examples.chat;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

import java.util.Optional;

/**
 * Who is chatting: the user name kept in the {@code chatUser} cookie. This demo has no passwords; the only
 * security is Mercure's: the subscriber token in the authorization cookie grants each user their own
 * inbox and nobody else's.
 */
public final class ChatUser {

    static final String COOKIE = "chatUser";

    private ChatUser() {
    }

    /** @return the user name the cookie holds, when it holds a valid one */
    static Optional<String> from(Cookie cookie) {
        return Optional.ofNullable(cookie).map(Cookie::getValue).filter(ChatTopics::validName);
    }

    static NewCookie login(String name) {
        return new NewCookie.Builder(COOKIE).value(name).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    static NewCookie logout() {
        return new NewCookie.Builder(COOKIE).value("").path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
    }
}
