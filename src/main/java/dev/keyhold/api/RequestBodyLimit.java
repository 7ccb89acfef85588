package dev.keyhold.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses API request bodies over {@code keyhold.api.max-body-size} without reading them into memory: a declared
 * Content-Length over the limit is refused before anything is read, and a chunked body is read through a stream that
 * fails as soon as it passes the limit. Either way the refusal is a {@link RequestBodyTooLargeException}, which
 * {@link ApiExceptionHandler} answers with 413 in the v4 envelope.
 */
class RequestBodyLimit extends OncePerRequestFilter {

    private final DataSize limit;

    private final HandlerExceptionResolver resolver;

    RequestBodyLimit(DataSize limit, HandlerExceptionResolver resolver) {
        this.limit = limit;
        this.resolver = resolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > this.limit.toBytes()) {
            // NOTE: a filter runs outside the DispatcherServlet; the resolver still writes ApiExceptionHandler's answer
            this.resolver.resolveException(
                    request, response, null, new RequestBodyTooLargeException(this.limit, declared));
            return;
        }
        chain.doFilter(new Limited(request, this.limit), response);
    }

    /** The request, its body readable up to the limit. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final DataSize limit;

        private ServletInputStream stream;

        Limited(HttpServletRequest request, DataSize limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (this.stream == null) {
                this.stream = new CountingStream(super.getInputStream(), this.limit);
            }
            return this.stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;

        private final DataSize limit;

        private long read;

        CountingStream(ServletInputStream in, DataSize limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = this.in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = this.in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            this.read += n;
            if (this.read > this.limit.toBytes()) {
                throw new RequestBodyTooLargeException(this.limit, -1);
            }
        }

        @Override
        public boolean isFinished() {
            return this.in.isFinished();
        }

        @Override
        public boolean isReady() {
            return this.in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            this.in.setReadListener(listener);
        }
    }
}
