package dev.vouch.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a user proves their identity to a registry with: a user name and password (or personal access token), or
 * an OAuth2 identity token (a refresh token, as Docker's credential stores keep for {@code <token>} users). The
 * secret never leaves this record except in an Authorization header or a token request: {@link #toString} masks
 * it, so a credential cannot leak into a log line, an error or a report by accident.
 *
 * @param username the user name, or null with an identity token
 * @param password the password, or null with an identity token
 * @param identityToken an OAuth2 refresh token, or null
 * @param origin where the credential was found (a file name or {@code credential helper NAME}), for messages
 */
public record Credentials(String username, String password, String identityToken, String origin) {

    public static Credentials basic(String username, String password, String origin) {
        return new Credentials(username, password, null, origin);
    }

    public static Credentials identityToken(String token, String origin) {
        return new Credentials(null, null, token, origin);
    }

    /** Whether an identity token (OAuth2 refresh token) is to be exchanged rather than a password sent. */
    public boolean hasIdentityToken() {
        return identityToken != null && !identityToken.isEmpty();
    }

    /** The value of an HTTP Basic Authorization header. */
    String basicHeader() {
        String pair = (username == null ? "" : username) + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + (hasIdentityToken() ? "identity token" : "user " + username) + " from " + origin + "]";
    }
}
