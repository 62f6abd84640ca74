package dev.burnrate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class UsdRatesTest {

    private static CostLine eur(String amount) {
        return CostLine.billed("p", "i", "EUR", new BigDecimal(amount), null, null);
    }

    @Test
    void aConfiguredRateCountsALineWithoutTheVendorsOwnDollars() {
        UsdRates rates = UsdRates.parse(Optional.of("eur=1.08; JPY=0.0066"));
        CostLine line = rates.apply(eur("212.00"));
        assertThat(line.usd()).isEqualTo(CostLine.Usd.CONFIGURED_RATE);
        assertThat(line.amountUsd()).isEqualByComparingTo("228.96"); // 212 x 1.08
        assertThat(line.amount()).isEqualByComparingTo("212.00");
    }

    @Test
    void theVendorsOwnDollarsWinOverAConfiguredRate() {
        CostLine azure = CostLine.billed("p", "i", "EUR", new BigDecimal("200"), new BigDecimal("216.40"), null, null);
        assertThat(UsdRates.parse(Optional.of("EUR=2")).apply(azure).amountUsd()).isEqualByComparingTo("216.40");
    }

    @Test
    void withoutARateTheLineIsNotCountedAndARemovedRateStopsCountingIt() {
        assertThat(UsdRates.NONE.apply(eur("9")).amountUsd()).isEqualByComparingTo("0");
        CostLine counted = UsdRates.parse(Optional.of("EUR=1.1")).apply(eur("9"));
        CostLine uncounted = UsdRates.NONE.apply(counted);
        assertThat(uncounted.usd()).isEqualTo(CostLine.Usd.NOT_COUNTED);
        assertThat(uncounted.amountUsd()).isEqualByComparingTo("0");
    }

    @Test
    void aBadPairIsNamed() {
        assertThatThrownBy(() -> UsdRates.parse(Optional.of("EUR=1.08, euro=1"))).hasMessageStartingWith("'euro=1'");
        assertThatThrownBy(() -> UsdRates.parse(Optional.of("EUR=abc"))).hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> UsdRates.parse(Optional.of("EUR=0"))).hasMessageContaining("more than 0");
        assertThatThrownBy(() -> UsdRates.parse(Optional.of("USD=1"))).hasMessageContaining("other than USD");
        assertThatThrownBy(() -> UsdRates.parse(Optional.of("EUR=1, EUR=2"))).hasMessage("EUR is given twice");
    }
}
