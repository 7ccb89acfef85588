package dev.keyhold.bench;

import java.util.List;

/**
 * Reads over one zone grown by SQL to each seed size in turn (10 thousand, 100 thousand, 1 million in full mode):
 * get by random id, list page 1 and list a random page among the first 100, all with {@code per_page=50}.
 */
final class ReadsGroup {

    private static final int SAMPLED_IDS = 10_000;

    private final Settings settings;
    private final Seeder seeder;
    private final KeyholdServer server;
    private final Api api;
    private final Workloads w;

    ReadsGroup(Settings settings, Seeder seeder, KeyholdServer server, Api api, Workloads w) {
        this.settings = settings;
        this.seeder = seeder;
        this.server = server;
        this.api = api;
        this.w = w;
    }

    void run() throws Exception {
        String zone = Servers.label("readz") + ".keyhold.dev";
        String zoneId = this.api.createZone(zone);
        String template = Api.idOf(this.api
                .call(this.api.post("/zones/" + zoneId + "/custom_csrs", Api.csrBody("template", zone, "p256v1")))
                .toString());
        List<Integer> sizes = this.settings.seedSizes();
        double[] firstP99 = new double[2];
        String first = label(sizes.get(0));
        for (int i = 0; i < sizes.size(); i++) {
            int size = sizes.get(i);
            long t0 = System.nanoTime();
            long added = this.seeder.growTo(zoneId, template, size);
            long rows = this.seeder.count(zoneId);
            long reported = this.api.totalCount(zoneId);
            System.err.printf(
                    "bench: seeded %d rows in %.1f s; the zone holds %d, the API reports %d%n",
                    added, (System.nanoTime() - t0) / 1e9, rows, reported);
            if (reported != rows) {
                throw new IllegalStateException("after seeding, result_info.total_count is " + reported
                        + " but the zone has " + rows + " CSRs");
            }
            String at = label(size) + " CSRs";
            List<String> ids = this.seeder.randomIds(zoneId, SAMPLED_IDS);
            this.w.getById("get CSR by id, " + at, List.of(this.server), List.of(this.api), zoneId, ids);
            boolean last = i == sizes.size() - 1 && i > 0;
            int pages = (int) Math.min(100, (rows + 49) / 50);
            Measurement p1 = this.w.list(
                    "list page 1 (per_page=50), " + at,
                    this.server,
                    zoneId,
                    1,
                    last ? Targets.listLargest(first, firstP99[0]) : Targets.list());
            Measurement pr = this.w.list(
                    "list a random page of the first " + pages + ", " + at,
                    this.server,
                    zoneId,
                    pages,
                    last ? Targets.listLargest(first, firstP99[1]) : Targets.list());
            if (i == 0) {
                firstP99[0] = p1 == null ? 0 : p1.percentileMillis(99);
                firstP99[1] = pr == null ? 0 : pr.percentileMillis(99);
            }
        }
    }

    static String label(int size) {
        if (size >= 1_000_000 && size % 1_000_000 == 0) {
            return size / 1_000_000 + "M";
        }
        return size % 1000 == 0 ? size / 1000 + "k" : String.valueOf(size);
    }
}
