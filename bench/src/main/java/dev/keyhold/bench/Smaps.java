package dev.keyhold.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The mappings of {@code /proc/<pid>/smaps} with their resident size, to attribute RSS to address ranges. */
final class Smaps {

    private record Mapping(long start, long end, long rssKb) {}

    private final List<Mapping> mappings;

    private Smaps(List<Mapping> mappings) {
        this.mappings = mappings;
    }

    static Smaps read(long pid) {
        List<Mapping> mappings = new ArrayList<>();
        long start = -1;
        long end = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps"))) {
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                if (dash > 0 && space > dash && isHex(line, 0, dash)) {
                    start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                    end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                } else if (line.startsWith("Rss:") && start >= 0) {
                    long kb = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                    mappings.add(new Mapping(start, end, kb));
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/smaps", ex);
        }
        return new Smaps(mappings);
    }

    /** The resident size of the mappings inside {@code [from, to)}, in KiB. */
    long rssKbWithin(long from, long to) {
        return this.mappings.stream()
                .filter(m -> m.start() >= from && m.end() <= to)
                .mapToLong(Mapping::rssKb)
                .sum();
    }

    private static boolean isHex(String line, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(line.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
