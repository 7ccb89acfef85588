package dev.keyhold.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test of the v4 API against the running server on a random port, with a fresh in-memory database per application
 * context and a fixed operator ({@link ApiClient#OPERATOR_EMAIL}). Classes with this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:api-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "keyhold.data-dir=${java.io.tmpdir}/keyhold-api-tests",
        "keyhold.bootstrap.email=" + ApiClient.OPERATOR_EMAIL,
        "keyhold.bootstrap.api-key=" + ApiClient.OPERATOR_KEY })
@interface ApiTest {
}
