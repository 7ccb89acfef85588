/**
 * Expiry alerts: per-account webhooks ({@link dev.keyhold.expiry.Webhooks}), a checker that raises each (certificate,
 * threshold) notification once across all nodes ({@link dev.keyhold.expiry.ExpiryChecker}), a worker that delivers
 * them signed with HMAC-SHA256 and retries with backoff ({@link dev.keyhold.expiry.DeliveryWorker}), and the
 * {@code keyhold.certificate.expiry.days} gauge. Depends on {@code certificates} (the effective expiry of a served
 * chain), {@code hostnames} (that of each custom hostname's certificate), {@code tenancy} and {@code system}; never
 * on {@code api} or {@code web}.
 */
package dev.keyhold.expiry;
