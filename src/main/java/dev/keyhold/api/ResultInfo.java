package dev.keyhold.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Pagination facts of a list response, as Cloudflare's {@code result_info}. */
public record ResultInfo(
        int page,
        @JsonProperty("per_page") int perPage,
        int count,
        @JsonProperty("total_count") long totalCount,
        @JsonProperty("total_pages") long totalPages) {

    /** The facts of one page of {@code count} items out of {@code total}. */
    public static ResultInfo of(PageRequest request, int count, long total) {
        long pages = total == 0 ? 0 : (total + request.perPage() - 1) / request.perPage();
        return new ResultInfo(request.page(), request.perPage(), count, total, pages);
    }
}
