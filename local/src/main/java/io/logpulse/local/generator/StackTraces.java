package io.logpulse.local.generator;

import java.util.SplittableRandom;

/**
 * Realistic multi-line Java stack traces, so that error events carry what a JVM service really
 * logs: an exception line, {@code at} frames and a {@code Caused by} chain, all in one log event.
 */
final class StackTraces {

  private static final String[] TRACES = {
    "java.net.SocketTimeoutException: Read timed out\n"
        + "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n"
        + "\tat java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:314)\n"
        + "\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:976)\n"
        + "\tat org.apache.hc.core5.http.impl.io.SessionInputBufferImpl.fillBuffer"
        + "(SessionInputBufferImpl.java:149)\n"
        + "\tat com.example.shop.payments.PaymentClient.authorize(PaymentClient.java:87)\n"
        + "\tat com.example.shop.checkout.CheckoutService.confirm(CheckoutService.java:142)\n"
        + "\tat com.example.shop.checkout.web.CheckoutController.confirm"
        + "(CheckoutController.java:58)\n"
        + "\t... 87 common frames omitted",
    "org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC"
        + " Connection\n"
        + "\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect"
        + ".convertHibernateAccessException(HibernateJpaDialect.java:277)\n"
        + "\tat com.example.shop.inventory.StockRepository.reserve(StockRepository.java:64)\n"
        + "\tat com.example.shop.inventory.ReservationService.reserve"
        + "(ReservationService.java:39)\n"
        + "Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not"
        + " available, request timed out after 30000ms.\n"
        + "\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)\n"
        + "\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)\n"
        + "\t... 42 common frames omitted",
    "java.lang.IllegalStateException: cart c-5d1e is already checked out\n"
        + "\tat com.example.shop.checkout.Cart.lock(Cart.java:112)\n"
        + "\tat com.example.shop.checkout.CheckoutService.confirm(CheckoutService.java:131)\n"
        + "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke"
        + "(DirectMethodHandleAccessor.java:103)\n"
        + "\tat org.springframework.web.servlet.FrameworkServlet.service"
        + "(FrameworkServlet.java:885)",
    "software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException:"
        + " The level of configured provisioned throughput for the table was exceeded."
        + " (Service: DynamoDb, Status Code: 400)\n"
        + "\tat software.amazon.awssdk.core.internal.http.CombinedResponseHandler"
        + ".handleErrorResponse(CombinedResponseHandler.java:125)\n"
        + "\tat software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient.updateItem"
        + "(DefaultDynamoDbClient.java:6542)\n"
        + "\tat com.example.shop.inventory.StockTable.decrement(StockTable.java:77)\n"
        + "\t... 23 common frames omitted"
  };

  /**
   * The bug a planted change ships: thrown only while that change's error burst lasts, so the
   * new-error-pattern detector has a template to find that the service never logged before.
   */
  static final String REGRESSION =
      "java.lang.NullPointerException: Cannot invoke"
          + " \"com.example.shop.pricing.Discount.apply(java.math.BigDecimal)\" because"
          + " \"discount\" is null\n"
          + "\tat com.example.shop.pricing.PriceCalculator.total(PriceCalculator.java:58)\n"
          + "\tat com.example.shop.checkout.CheckoutService.confirm(CheckoutService.java:137)\n"
          + "\t... 61 common frames omitted";

  /**
   * What a service logs once a policy it relies on is detached from its role: every call needing
   * the policy is denied.
   */
  static final String ACCESS_DENIED =
      "software.amazon.awssdk.services.dynamodb.model.DynamoDbException: User:"
          + " arn:aws:sts::123456789012:assumed-role/inventory-task-role/8f0c2d4e6a"
          + " is not authorized to perform: dynamodb:UpdateItem on resource:"
          + " arn:aws:dynamodb:eu-west-1:123456789012:table/inventory because no"
          + " identity-based policy allows the dynamodb:UpdateItem action"
          + " (Service: DynamoDb, Status Code: 400, Request ID: 7KQ0B3VHM1R2S4T6U8V0W2X4Y6Z8A0B2,"
          + " Error Code: AccessDeniedException)\n"
          + "\tat software.amazon.awssdk.core.internal.http.CombinedResponseHandler"
          + ".handleErrorResponse(CombinedResponseHandler.java:125)\n"
          + "\tat software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient.updateItem"
          + "(DefaultDynamoDbClient.java:6542)\n"
          + "\tat com.example.shop.inventory.StockTable.decrement(StockTable.java:77)\n"
          + "\t... 23 common frames omitted";

  private StackTraces() {}

  /** The trace an incident's cause makes a service throw, or null when it throws nothing new. */
  static String regression(Incident.Cause cause) {
    return switch (cause) {
      case DEPLOY -> REGRESSION;
      case IAM -> ACCESS_DENIED;
      default -> null;
    };
  }

  /**
   * One of the stored traces, chosen by the random source; during an error burst whose cause throws
   * something new, half of them are that {@code regression}. Without one it draws exactly as
   * before, so runs keep their records.
   */
  static String pick(SplittableRandom rng, String regression) {
    if (regression != null && rng.nextBoolean()) {
      return regression;
    }
    return TRACES[rng.nextInt(TRACES.length)];
  }
}
