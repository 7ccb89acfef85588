package dev.keyhold.expiry;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link ExpiryChecker} every {@code check-interval} and the {@link DeliveryWorker} every
 * {@code delivery-interval} on two daemon threads, from when the application is ready until it closes. A zero interval
 * leaves that job to other nodes.
 */
@Component
class ExpiryScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpiryScheduler.class);

    private final ExpiryChecker checker;

    private final DeliveryWorker worker;

    private final ExpirySettings settings;

    private final ScheduledThreadPoolExecutor executor;

    ExpiryScheduler(ExpiryChecker checker, DeliveryWorker worker, ExpirySettings settings) {
        this.checker = checker;
        this.worker = worker;
        this.settings = settings;
        AtomicInteger next = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "keyhold-expiry-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long check = this.settings.checkInterval().toMillis();
        if (check > 0) {
            this.executor.scheduleWithFixedDelay(
                    () -> run("check", this.checker::check), 0, check, TimeUnit.MILLISECONDS);
        }
        long delivery = this.settings.deliveryInterval().toMillis();
        if (delivery > 0) {
            this.executor.scheduleWithFixedDelay(
                    () -> run("delivery", this.worker::deliverDue), delivery, delivery, TimeUnit.MILLISECONDS);
        }
        log.info(
                "Expiry alerts: thresholds {} days, checking every {}, delivering every {} (0s: left to other nodes)",
                this.settings.thresholds(),
                this.settings.checkInterval(),
                this.settings.deliveryInterval());
    }

    private static void run(String job, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException ex) {
            // NOTE: an escaping exception would cancel the schedule; the next run tries again
            log.warn("Expiry {} failed, retrying at the next interval: {}", job, ex.toString());
        }
    }

    @Override
    public void close() {
        this.executor.shutdownNow();
    }
}
