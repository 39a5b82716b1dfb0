package dev.vouch.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one masking of image text: secrets go, their surroundings stay, what is not a secret is untouched. */
class SecretMaskingTextTest {
    @Test
    void aKeyBlockWrittenByPrintfIsMaskedWhole() {
        String run = "RUN /bin/sh -c printf '-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXk\\n"
                + "-----END OPENSSH PRIVATE KEY-----\\n' > /k && chmod 600 /k";
        String masked = SecretLike.maskText(run);
        assertThat(masked).doesNotContain("b3BlbnNzaC1rZXk").doesNotContain("BEGIN OPENSSH");
        assertThat(masked).startsWith("RUN /bin/sh -c printf '<masked, ").endsWith("> /k && chmod 600 /k");
        // cut short (a history entry is truncated): masked to the end
        assertThat(SecretLike.maskText("echo -----BEGIN RSA PRIVATE KEY-----\\nMIIEow"))
                .isEqualTo("echo <masked, 39 characters>");
    }

    @Test
    void ruleSecretsAreMaskedAndTheRestKept() {
        assertThat(SecretLike.maskText("git clone https://me:hunter2pw@git.example.com/x.git"))
                .isEqualTo("git clone https://me:<masked, 9 characters>@git.example.com/x.git");
        assertThat(SecretLike.maskText("curl -H 'Authorization: token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB' x"))
                .isEqualTo("curl -H 'Authorization: token <masked, 42 characters>' x");
        assertThat(SecretLike.maskText("apt-get install -y curl && rm -rf /var/lib/apt/lists/*"))
                .isEqualTo("apt-get install -y curl && rm -rf /var/lib/apt/lists/*");
        assertThat(SecretLike.maskValues(Map.of("api_token", "abc123", "version", "1.2")))
                .containsExactly(Map.entry("api_token", "<masked, 6 characters>"), Map.entry("version", "1.2"));
    }
}
