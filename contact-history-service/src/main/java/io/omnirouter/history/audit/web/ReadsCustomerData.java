package io.omnirouter.history.audit.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method that reads a customer's data: each request it answers successfully is recorded in the read
 * audit ({@link RecordingCustomerReads}), once per customer read, with the route template it matched.
 *
 * <p>The customer is the one the request names, by a path variable or query parameter {@code customerId}; a request
 * that names none (a lookup by identifier, a task by its id, a list of tasks) read the customers its answer is about
 * ({@link AboutCustomers}). A request naming none whose answer is about none (the live stream of every customer) is
 * not recorded.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReadsCustomerData {

    /** The path variable or query parameter that names the customer read. */
    String CUSTOMER_PARAMETER = "customerId";
}
