package dev.keyhold.expiry;

import dev.keyhold.certificates.ChainExpiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The {@code keyhold.certificate.expiry.days} gauge: one series per stored certificate (custom certificates and custom
 * hostnames' certificates, told apart by the {@code kind} label), the days (fractional) until the
 * earliest notAfter of its served chain, labelled with the certificate, its zone and which element expires first.
 * The set of series follows each check; the values follow the clock at every scrape.
 */
@Component
public class ExpiryMetrics {

    public static final String DAYS = "keyhold.certificate.expiry.days";

    private final MultiGauge gauge;

    private final Clock clock;

    ExpiryMetrics(MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.gauge = MultiGauge.builder(DAYS)
                .description(
                        "Days until the earliest notAfter of a custom certificate's or custom hostname's served chain")
                .register(meters);
    }

    void update(List<ChainExpiry> expiries) {
        this.gauge.register(
                expiries.stream()
                        .map(e -> MultiGauge.Row.of(
                                Tags.of(
                                        "certificate_id", e.certificateId().value(),
                                        "zone_id", e.zoneId().value(),
                                        "element", e.element().apiName(),
                                        "kind", e.kind().apiName()),
                                e,
                                this::days))
                        .toList(),
                true);
    }

    private double days(ChainExpiry expiry) {
        return expiry.left(this.clock.instant()).toMillis() / 86_400_000.0;
    }
}
