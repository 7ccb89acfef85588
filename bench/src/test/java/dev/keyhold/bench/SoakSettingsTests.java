package dev.keyhold.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the soak's warm-up may end, and how its length is written. */
class SoakSettingsTests {

    private final SoakSettings full = SoakSettings.full(Duration.ofMinutes(10), false);

    @Test
    void theFullSoakWarmsUpForTwoToEightMinutesAndChecksMemory() {
        assertThat(this.full.length()).isEqualTo(Duration.ofMinutes(10));
        assertThat(this.full.warmup()).isEqualTo(Duration.ofMinutes(2));
        assertThat(this.full.maxWarmup()).isEqualTo(Duration.ofMinutes(8));
        assertThat(this.full.checkMemory()).isTrue();
        assertThat(this.full.memoryLimit()).isEqualTo(1.10);
    }

    @Test
    void rssThatStoppedGrowingSettlesTheWarmUpOnceItsMinimumHasPassed() {
        // the quiet run of 2026-12-02: RSS in MB every 30 s under load
        List<MemoryProbe.Sample> samples = samples(321, 330, 341, 346, 360, 370, 376, 376.5, 376.8);
        assertThat(settledAt(samples)).isEqualTo(9);
    }

    @Test
    void noSettlingBeforeTheMinimumEvenWhenFlat() {
        List<MemoryProbe.Sample> flat = samples(300, 300, 300);
        assertThat(this.full.settled(flat, 90)).isFalse();
        assertThat(this.full.settled(flat, 120)).isTrue();
    }

    @Test
    void growthOfMoreThanOnePercentInAMinuteNeverSettles() {
        // a leak of 4 MB a minute on 350 MB
        List<MemoryProbe.Sample> leaking = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            leaking.add(sample(30.0 * (i + 1), 350 + 2.0 * i));
        }
        assertThat(settledAt(leaking)).isEqualTo(-1);
    }

    @Test
    void aCodeCacheStillGrowingKeepsTheWarmUpGoingWhileRssLooksFlat() {
        // a pre-touched heap: RSS grows by under 1% a minute, while the JIT adds about 2.8 MB of code a minute and
        // then levels off (the code cache's resident KB every 30 s of the H2 run of 2026-12-02, from 32 s on)
        double[] rss = {453, 455, 457, 458, 459, 460, 461, 462, 463, 464, 464.5, 465, 465.3, 465.6};
        long[] codeKb = {
            36724, 39812, 41204, 42632, 43892, 45328, 46528, 47908, 49352, 50540, 51356, 51852, 52364, 52844
        };
        List<MemoryProbe.Sample> compiling = new ArrayList<>();
        List<MemoryProbe.Sample> compiled = new ArrayList<>();
        for (int i = 0; i < rss.length; i++) {
            compiling.add(sample(30.0 * (i + 1), rss[i], codeKb[i]));
            compiled.add(sample(30.0 * (i + 1), rss[i], codeKb[0]));
        }
        assertThat(settledAt(compiled)).as("on RSS alone, at 120 s").isEqualTo(4);
        assertThat(settledAt(compiling))
                .as("once the code cache grew by 1 MB or less in a minute: 52,364 KB against 51,356")
                .isEqualTo(13);
    }

    @Test
    void aMinuteIsMeasuredBetweenSampleTimesNotCountedInSamples() {
        // samples 45 s apart, as on a loaded machine: the one before the last is not yet a minute back, so the
        // comparison goes one further
        List<MemoryProbe.Sample> delayed = List.of(sample(45, 300), sample(90, 310), sample(135, 312));
        assertThat(this.full.settled(delayed, 135)).isFalse(); // 312 vs 300 (90 s back): 4%
        List<MemoryProbe.Sample> flatter =
                List.of(sample(45, 300), sample(90, 309), sample(135, 311), sample(180, 312));
        assertThat(this.full.settled(flatter, 180)).isTrue(); // 312 vs 309 (90 s back): 1.0%
    }

    @Test
    void withoutASampleAMinuteBackItHasNotSettled() {
        assertThat(this.full.settled(List.of(), 300)).isFalse();
        assertThat(this.full.settled(List.of(sample(150, 300), sample(180, 300)), 180))
                .isFalse();
    }

    @Test
    void lengthsAreSecondsOrWithAUnit() {
        assertThat(SoakSettings.parse("600")).isEqualTo(Duration.ofMinutes(10));
        assertThat(SoakSettings.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SoakSettings.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(SoakSettings.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SoakSettings.parse("ten minutes"))
                .withMessageContaining("ten minutes");
    }

    /** The 1-based index of the first sample after which the warm-up ends, or -1. */
    private int settledAt(List<MemoryProbe.Sample> samples) {
        for (int i = 1; i <= samples.size(); i++) {
            List<MemoryProbe.Sample> seen = samples.subList(0, i);
            if (this.full.settled(seen, seen.get(i - 1).seconds())) {
                return i;
            }
        }
        return -1;
    }

    private static List<MemoryProbe.Sample> samples(double... rssMb) {
        List<MemoryProbe.Sample> samples = new ArrayList<>();
        for (int i = 0; i < rssMb.length; i++) {
            samples.add(sample(30.0 * (i + 1), rssMb[i]));
        }
        return samples;
    }

    private static MemoryProbe.Sample sample(double seconds, double rssMb) {
        return sample(seconds, rssMb, 0);
    }

    private static MemoryProbe.Sample sample(double seconds, double rssMb, long codeRssKb) {
        return new MemoryProbe.Sample(
                seconds,
                "warm-up, under load",
                40_000,
                60_000,
                110_000,
                70_000,
                30_000,
                44,
                (long) (rssMb * 1024),
                0,
                codeRssKb,
                -1);
    }
}
