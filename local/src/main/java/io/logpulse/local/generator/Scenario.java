package io.logpulse.local.generator;

import io.logpulse.local.generator.Incident.Cause;
import io.logpulse.local.generator.Incident.Problem;
import java.util.List;

/**
 * What one planted incident looks like: which service of which account misbehaves and how, the
 * change that causes it (none for a dependency outage), and the decoys around it. The decoys are
 * chosen so that only a ranker that respects accounts and matches resources to services blames the
 * planted change: a change of another service in the same account, and the planted change itself (a
 * deploy of the same service for an outage), repeated in another account that runs (or could run)
 * the same service but has no incident there.
 *
 * @param service the service whose logs show the problem
 * @param account where the problem and the planted change are
 * @param problem what goes wrong
 * @param cause what kind of cause it has
 * @param call the planted change's API call; null for {@link Cause#NO_CHANGE}
 * @param resource what the planted change names (function, ECS service, stack, parameter, role or
 *     security group id); null for {@link Cause#NO_CHANGE}
 * @param decoyCall the same-account decoy's API call
 * @param decoyResource what the same-account decoy names: another service's resource
 * @param otherCall the cross-account decoy's API call
 * @param otherAccount where the cross-account decoy is made
 * @param otherResource what the cross-account decoy names: the same resource in that account
 */
record Scenario(
    String service,
    String account,
    Problem problem,
    Cause cause,
    ChangeCall call,
    String resource,
    ChangeCall decoyCall,
    String decoyResource,
    ChangeCall otherCall,
    String otherAccount,
    String otherResource) {

  /** Deploys followed by errors in the deployed service, one per error-prone service. */
  static final List<Scenario> DEPLOYS =
      List.of(
          repeated(
              "payments-fn",
              Estate.PAYMENTS,
              Problem.ERRORS,
              Cause.DEPLOY,
              ChangeCall.LAMBDA_CODE,
              "payments-fn",
              ChangeCall.LAMBDA_CODE,
              "reports-fn",
              Estate.SHOP),
          repeated(
              "checkout",
              Estate.SHOP,
              Problem.ERRORS,
              Cause.DEPLOY,
              ChangeCall.ECS_SERVICE,
              "checkout",
              ChangeCall.ECS_SERVICE,
              "recommendations",
              Estate.PLATFORM),
          repeated(
              "orders-api",
              Estate.PAYMENTS,
              Problem.ERRORS,
              Cause.DEPLOY,
              ChangeCall.STACK,
              "orders-api",
              ChangeCall.STACK,
              "ledger-api",
              Estate.SHOP),
          repeated(
              "web-nginx",
              Estate.SHOP,
              Problem.ERRORS,
              Cause.DEPLOY,
              ChangeCall.ECS_SERVICE,
              "web-nginx",
              ChangeCall.ECS_SERVICE,
              "recommendations",
              Estate.PLATFORM),
          repeated(
              "inventory",
              Estate.PLATFORM,
              Problem.ERRORS,
              Cause.DEPLOY,
              ChangeCall.ECS_SERVICE,
              "inventory",
              ChangeCall.ECS_SERVICE,
              "search-indexer",
              Estate.PAYMENTS));

  /**
   * Configuration edits followed by a latency rise: checkout's connection pool shrunk by hand. Its
   * two shop streams log enough requests (several hundred a minute even at night) for a per-minute
   * p99 the detectors score; its decoy is a deploy, which a kind prior alone would prefer.
   */
  static final List<Scenario> PARAMETERS =
      List.of(
          repeated(
              "checkout",
              Estate.SHOP,
              Problem.LATENCY,
              Cause.PARAMETER,
              ChangeCall.PARAMETER,
              "/checkout/db/pool-size",
              ChangeCall.ECS_SERVICE,
              "recommendations",
              Estate.PLATFORM));

  /**
   * A policy taken from inventory's task role, after which its stock updates are denied: detached
   * by hand, or its inline policy narrowed to reads. The same-account decoy edits another service's
   * role; the cross-account one makes the same edit where inventory runs too.
   */
  static final List<Scenario> IAM =
      List.of(
          repeated(
              "inventory",
              Estate.PLATFORM,
              Problem.ERRORS,
              Cause.IAM,
              ChangeCall.DETACH_ROLE_POLICY,
              "inventory-task-role",
              ChangeCall.PUT_ROLE_POLICY,
              "search-indexer-task-role",
              Estate.PAYMENTS),
          repeated(
              "inventory",
              Estate.PLATFORM,
              Problem.ERRORS,
              Cause.IAM,
              ChangeCall.PUT_ROLE_POLICY,
              "inventory-task-role",
              ChangeCall.DETACH_ROLE_POLICY,
              "search-indexer-task-role",
              Estate.PAYMENTS));

  /**
   * The rule letting web-nginx's tasks reach their upstream revoked from the load balancer's
   * security group: 502s and timeouts. CloudTrail names the group by id (and by name); so does the
   * planted change.
   */
  static final List<Scenario> NETWORK =
      List.of(
          new Scenario(
              "web-nginx",
              Estate.SHOP,
              Problem.ERRORS,
              Cause.NETWORK,
              ChangeCall.REVOKE_INGRESS,
              Estate.securityGroupId(Estate.SHOP, "web-alb-sg"),
              ChangeCall.REVOKE_INGRESS,
              Estate.securityGroupId(Estate.SHOP, "recommendations-sg"),
              ChangeCall.REVOKE_INGRESS,
              Estate.PLATFORM,
              Estate.securityGroupId(Estate.PLATFORM, "web-alb-sg")));

  /**
   * A dependency fails with no change at all (the card processor, the orders database): the right
   * answer is no suspect, though a deploy of another service was made shortly before and the same
   * service was deployed in another account.
   */
  static final List<Scenario> OUTAGES =
      List.of(
          new Scenario(
              "payments-fn",
              Estate.PAYMENTS,
              Problem.ERRORS,
              Cause.NO_CHANGE,
              null,
              null,
              ChangeCall.LAMBDA_CODE,
              "reports-fn",
              ChangeCall.LAMBDA_CODE,
              Estate.SHOP,
              "payments-fn"),
          new Scenario(
              "orders-api",
              Estate.SHOP,
              Problem.ERRORS,
              Cause.NO_CHANGE,
              null,
              null,
              ChangeCall.ECS_SERVICE,
              "recommendations",
              ChangeCall.STACK,
              Estate.PAYMENTS,
              "orders-api"));

  /** The scenarios of a kind of cause. */
  static List<Scenario> of(Cause cause) {
    return switch (cause) {
      case DEPLOY -> DEPLOYS;
      case PARAMETER -> PARAMETERS;
      case IAM -> IAM;
      case NETWORK -> NETWORK;
      case NO_CHANGE -> OUTAGES;
    };
  }

  /** A scenario whose cross-account decoy repeats the planted call on the same resource. */
  private static Scenario repeated(
      String service,
      String account,
      Problem problem,
      Cause cause,
      ChangeCall call,
      String resource,
      ChangeCall decoyCall,
      String decoyResource,
      String otherAccount) {
    return new Scenario(
        service,
        account,
        problem,
        cause,
        call,
        resource,
        decoyCall,
        decoyResource,
        call,
        otherAccount,
        resource);
  }
}
