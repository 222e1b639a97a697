package io.logpulse.local.generator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated AWS estate: three member accounts, each running some of the services (not all of
 * them everywhere), busy ones and a genuinely quiet one ({@code returns}, a few requests a minute),
 * plus an organization CloudTrail trail delivering every account's events into the platform
 * account's log group. Seventeen log streams in all.
 */
final class Estate {

  static final String SHOP = "111111111111";
  static final String PAYMENTS = "222222222222";
  static final String PLATFORM = "123456789012";
  static final String REGION = "eu-west-1";

  /** CloudTrail delivers an API call's event this long after the call. */
  static final long CLOUDTRAIL_LAG_MILLIS = 5 * 60_000L;

  /** The EC2 instance of the platform account's nginx, which is also its log stream. */
  static final String NGINX_INSTANCE = "i-0a1b2c3d4e5f60718";

  /** The Auto Scaling group of the platform account's nginx instances. */
  static final String NGINX_ASG = "web-asg";

  /** The security groups changes name, in every account. */
  private static final List<String> SECURITY_GROUPS =
      List.of("web-alb-sg", "web-nginx-tasks-sg", "recommendations-sg");

  /** How a service runs, which decides the calls that change it. */
  enum Platform {
    ECS,
    LAMBDA,
    API_STACK,
    EC2;

    /** The platform of a service, from its log group. */
    static Platform of(String logGroup) {
      if (logGroup.startsWith("/aws/lambda/")) {
        return LAMBDA;
      }
      if (logGroup.startsWith("/aws/apigateway/")) {
        return API_STACK;
      }
      return logGroup.startsWith("/aws/ec2/") ? EC2 : ECS;
    }
  }

  private Estate() {}

  /**
   * The ECS cluster of an account's services: {@code shop}, {@code payments} or {@code platform}.
   */
  static String ecsCluster(String account) {
    return switch (account) {
      case SHOP -> "shop";
      case PAYMENTS -> "payments";
      default -> "platform";
    };
  }

  /** The id of a security group of an account: the same for every change of the group. */
  static String securityGroupId(String account, String name) {
    return Text.hex(
            new StringBuilder("sg-0"), new SplittableRandom((account + name).hashCode()), 16)
        .toString();
  }

  /** The name of a security group of an account from its id, or null for an unknown group. */
  static String securityGroupName(String account, String groupId) {
    for (String name : SECURITY_GROUPS) {
      if (securityGroupId(account, name).equals(groupId)) {
        return name;
      }
    }
    return null;
  }

  /** The log streams, in a fixed order: a stream's position is its stream index. */
  static List<LogStreamSpec> streams(Instant start) {
    LogProfile checkout = new EcsJsonProfile("checkout", 40);
    LogProfile payments = new LambdaProfile(120, 512, 6.0);
    LogProfile orders = new ApiGatewayProfile(60);
    LogProfile web = new NginxProfile(15);
    LogProfile inventory = new PlainTextProfile();
    StringBuilder lambdaDate = Text.slashDate(new StringBuilder(), start.toEpochMilli());

    List<LogStreamSpec> streams = new ArrayList<>();
    streams.add(
        app(
            SHOP,
            "/ecs/checkout",
            "checkout/checkout/3f9a1c2e8b7d4f60a1b2c3d4e5f60718",
            "checkout",
            checkout,
            8));
    streams.add(
        app(
            SHOP,
            "/ecs/checkout",
            "checkout/checkout/9b8c7d6e5f4a4b3c2d1e0f9a8b7c6d5e",
            "checkout",
            checkout,
            8));
    streams.add(
        app(
            SHOP,
            "/ecs/web-nginx",
            "web/nginx/0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5",
            "web-nginx",
            web,
            20));
    streams.add(
        app(
            SHOP,
            "/ecs/web-nginx",
            "web/nginx/5c4b3a29180746f5e4d3c2b1a0f9e8d7",
            "web-nginx",
            web,
            20));
    streams.add(
        app(
            SHOP,
            "/aws/apigateway/orders-api",
            "5f2e8c1d9a7b4e63b0c1d2e3f4a5b6c7",
            "orders-api",
            orders,
            10));
    streams.add(
        app(
            PAYMENTS,
            "/aws/lambda/payments-fn",
            lambdaDate + "/[$LATEST]4e1f7a9c2b3d4e5f6a7b8c9d0e1f2a3b",
            "payments-fn",
            payments,
            3));
    streams.add(
        app(
            PAYMENTS,
            "/aws/lambda/payments-fn",
            lambdaDate + "/[$LATEST]8d2c6b1a0f9e4d8c7b6a5f4e3d2c1b0a",
            "payments-fn",
            payments,
            3));
    streams.add(
        app(
            PAYMENTS,
            "/aws/apigateway/orders-api",
            "c7b6a5f4e3d24c1b0a9f8e7d6c5b4a39",
            "orders-api",
            orders,
            6));
    streams.add(
        app(
            PAYMENTS,
            "/ecs/inventory",
            "inventory/inventory/1d2e3f4a5b6c4d7e8f9a0b1c2d3e4f5a",
            "inventory",
            inventory,
            4));
    streams.add(
        app(
            PLATFORM,
            "/ecs/inventory",
            "inventory/inventory/6a7b8c9d0e1f42a3b4c5d6e7f8a9b0c1",
            "inventory",
            inventory,
            4));
    streams.add(
        app(
            PLATFORM,
            "/ecs/inventory",
            "inventory/inventory/e5d4c3b2a1f04e9d8c7b6a5f4e3d2c1b",
            "inventory",
            inventory,
            4));
    streams.add(
        app(
            SHOP,
            "/ecs/returns",
            "returns/returns/7c6d5e4f3a2b41c0d9e8f7a6b5c4d3e2",
            "returns",
            new EcsJsonProfile("returns", 60, 0.25),
            0.2));
    streams.add(app(PLATFORM, "/aws/ec2/web/nginx/access", NGINX_INSTANCE, "nginx", web, 12));
    streams.add(
        app(
            PLATFORM,
            "/ecs/checkout",
            "checkout/checkout/2b3c4d5e6f7a48b9c0d1e2f3a4b5c6d7",
            "checkout",
            checkout,
            5));
    for (String account : List.of(SHOP, PAYMENTS, PLATFORM)) {
      streams.add(
          new LogStreamSpec(
              account,
              PLATFORM,
              "aws-cloudtrail-logs-" + PLATFORM,
              account + "_CloudTrail_" + REGION,
              "cloudtrail",
              new CloudTrailProfile(REGION),
              0.3,
              CLOUDTRAIL_LAG_MILLIS));
    }
    return List.copyOf(streams);
  }

  private static LogStreamSpec app(
      String account,
      String logGroup,
      String logStream,
      String service,
      LogProfile profile,
      double unitsPerSecond) {
    return new LogStreamSpec(
        account, account, logGroup, logStream, service, profile, unitsPerSecond, 0);
  }
}
