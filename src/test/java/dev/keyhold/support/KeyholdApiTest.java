package dev.keyhold.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ContextConfiguration;

/**
 * Starts the whole application on a random port against its own {@link TestDatabase} (H2 or PostgreSQL per
 * {@code -Dkeyhold.test.db}); inject the port with {@code @LocalServerPort} and sign in with
 * {@link TestDatabase#OPERATOR_EMAIL} / {@link TestDatabase#OPERATOR_KEY}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
public @interface KeyholdApiTest {}
