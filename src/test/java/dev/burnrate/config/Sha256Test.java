package dev.burnrate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class Sha256Test {

    /** The expected values are `printf 'abc\n' | sha256sum` and `printf 'a\nbc\n' | sha256sum`. */
    @Test
    void eachPartIsHashedWithANewlineAfterIt() {
        assertThat(Sha256.hex(List.of("abc")))
                .isEqualTo("edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb");
        assertThat(Sha256.hex(List.of("a", "bc"))).isNotEqualTo(Sha256.hex(List.of("ab", "c")))
                .isEqualTo("4b8d1dd1e2b97bee100f449a998ac84a292fb223d969296c4737b44459e545de");
    }
}
