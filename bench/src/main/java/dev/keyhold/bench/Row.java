package dev.keyhold.bench;

import java.util.List;

/**
 * One line of the report: a scenario's measured figures (milliseconds, MB, requests per second), its target and
 * whether the target was met ({@code null} when the row has no target).
 */
record Row(
        String group,
        String scenario,
        String database,
        String load,
        double seconds,
        long requests,
        double throughput,
        double p50,
        double p90,
        double p99,
        double max,
        long errors,
        double peakRssMb,
        double driverCores,
        double serverCores,
        String target,
        Boolean met,
        String note,
        List<String> errorSamples) {

    static Row of(
            String group,
            String scenario,
            String database,
            String load,
            Measurement m,
            double peakRssMb,
            double serverCores,
            String target,
            Boolean met,
            String note) {
        return new Row(
                group,
                scenario,
                database,
                load,
                m.seconds(),
                m.requests(),
                m.throughput(),
                m.percentileMillis(50),
                m.percentileMillis(90),
                m.percentileMillis(99),
                m.maxMillis(),
                m.errors(),
                peakRssMb,
                m.driverCores(),
                serverCores,
                target,
                met == null ? null : met && m.errors() == 0,
                note,
                m.errorSamples());
    }

    /** A scenario that could not run: counted as failed, with the reason. */
    static Row failed(String group, String scenario, String database, String load, String target, Throwable why) {
        return new Row(
                group,
                scenario,
                database,
                load,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                1,
                0,
                0,
                0,
                target,
                false,
                "FAILED TO RUN: " + why,
                List.of(String.valueOf(why)));
    }
}
