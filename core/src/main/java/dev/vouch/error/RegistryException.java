package dev.vouch.error;

/**
 * A registry could not be reached or refused a request: a name that does not resolve, a refused connection, a TLS
 * failure, an authentication or authorization failure, a repository or manifest that does not exist, rate
 * limiting, or a server error that outlasted the retries. The message names the registry and the cause and never
 * carries a credential.
 */
public final class RegistryException extends VouchException {
    public RegistryException(String message) {
        super(message, null);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
