package dev.burnrate.contain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Links' tokens: made by this key, not changed, not expired, or refused saying which. */
class ApprovalTokensTest {

    private static final String KEY = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-11-21T10:00:00Z");
    private static final String ID = "cabcdefgh2345";
    private final ApprovalTokens tokens = new ApprovalTokens(KEY);

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenVerifiesUntilItsExpiryInclusive() {
        String token = tokens.sign(ID, ApprovalTokens.Purpose.UNDO, UNTIL);

        assertThat(token).matches("v1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
                .isEqualTo("cabcdefgh2345.undo.1795255200");
        assertThat(tokens.verify(token, UNTIL)).isEqualTo(new ApprovalTokens.Verified(ID, ApprovalTokens.Purpose.UNDO,
                UNTIL));
        assertThatThrownBy(() -> tokens.verify(token, UNTIL.plusSeconds(1))).isInstanceOf(ApprovalTokens.Invalid.class)
                .hasMessage("this link expired at 2026-11-21T10:00:00Z; run bin/burnrate contain undo cabcdefgh2345 "
                        + "with your AWS credentials instead");
    }

    @Test
    void anotherKeyOrAChangedPayloadDoesNotVerify() {
        String token = tokens.sign(ID, ApprovalTokens.Purpose.APPROVE, UNTIL);
        String[] parts = token.split("\\.");
        String otherKey = new ApprovalTokens(KEY + "!").sign(ID, ApprovalTokens.Purpose.APPROVE, UNTIL);
        // an undo link turned into an approval, or its expiry moved, keeps the old signature
        String retargeted = "v1." + b64(ID + ".approve.1795255200") + "." + tokens.sign(ID,
                ApprovalTokens.Purpose.UNDO, UNTIL).split("\\.")[2];
        String later = "v1." + b64(ID + ".approve.1895255200") + "." + parts[2];
        String signature = "this link's signature does not match: it was not made by this burnrate, it was changed, "
                + "or the signing key in the secret changed since";

        for (String forged : new String[] {otherKey, retargeted, later}) {
            assertThatThrownBy(() -> tokens.verify(forged, NOW)).isInstanceOf(ApprovalTokens.Invalid.class)
                    .hasMessage(signature);
        }
    }

    @Test
    void aCutOrMangledTokenIsNamedAsSuch() {
        String token = tokens.sign(ID, ApprovalTokens.Purpose.APPROVE, UNTIL);

        assertThatThrownBy(() -> tokens.verify(null, NOW)).hasMessage("the link carries no token; open the link from "
                + "the message as it is");
        assertThatThrownBy(() -> tokens.verify(token.substring(0, 20), NOW)).hasMessage("this is not a burnrate "
                + "approval link (the token is cut or changed); open the link from the message as it is");
        assertThatThrownBy(() -> tokens.verify("v2" + token.substring(2), NOW)).hasMessageStartingWith(
                "this is not a burnrate approval link (the token is cut or changed)");
        assertThatThrownBy(() -> tokens.verify("v1.a*b.c", NOW)).hasMessage("this is not a burnrate approval link "
                + "(the token is not base64url); open the link from the message as it is");
    }

    @Test
    void aKeyTooShortOrAnIdThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> new ApprovalTokens("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the containment signing key must be at least 32 characters (e.g. openssl rand -base64 32),"
                        + " got 5");
        assertThatThrownBy(() -> tokens.sign("c../../x", ApprovalTokens.Purpose.APPROVE, UNTIL))
                .hasMessage("not an action id: c../../x");
    }
}
