/**
 * The audit log: an append-only record of who changed what, who signed in, and every use of a private key. Features
 * call {@link dev.keyhold.audit.AuditLog} inside their own transaction for a change (so the event commits or rolls
 * back with it) and for refusals in a transaction of its own. Who acts and from where comes from the
 * {@link dev.keyhold.audit.AuditContext} of the request, set by the API and the dashboard. Depends on Spring JDBC and
 * H2's trigger interface only; never on another feature, {@code api} or {@code web}. Events never carry a secret: ids,
 * names and reason codes only.
 */
package dev.keyhold.audit;
