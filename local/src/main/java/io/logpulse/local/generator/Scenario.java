package io.logpulse.local.generator;

import io.logpulse.local.generator.Incident.Problem;
import java.util.List;

/**
 * What one planted incident looks like: which service of which account misbehaves and how, the
 * change that causes it, and the decoys around it. The decoys are chosen so that only a ranker that
 * respects accounts and matches resources to services blames the planted change: a change of a
 * service that has no logs in the same account, and the planted change itself, repeated in another
 * account that runs (or could run) the same service but has no incident there.
 *
 * @param service the service whose logs show the problem
 * @param account where the problem and the planted change are
 * @param problem what goes wrong
 * @param call the planted change's API call
 * @param resource what the planted change names (function, ECS service, stack or parameter)
 * @param decoyCall the same-account decoy's API call
 * @param decoyResource what the same-account decoy names: a service without logs in the estate
 * @param otherAccount where the cross-account decoy repeats the planted call
 */
record Scenario(
    String service,
    String account,
    Problem problem,
    ChangeCall call,
    String resource,
    ChangeCall decoyCall,
    String decoyResource,
    String otherAccount) {

  /** Deploys followed by errors in the deployed service, one per error-prone service. */
  static final List<Scenario> DEPLOYS =
      List.of(
          new Scenario(
              "payments-fn",
              Estate.PAYMENTS,
              Problem.ERRORS,
              ChangeCall.LAMBDA_CODE,
              "payments-fn",
              ChangeCall.LAMBDA_CODE,
              "reports-fn",
              Estate.SHOP),
          new Scenario(
              "checkout",
              Estate.SHOP,
              Problem.ERRORS,
              ChangeCall.ECS_SERVICE,
              "checkout",
              ChangeCall.ECS_SERVICE,
              "recommendations",
              Estate.PLATFORM),
          new Scenario(
              "orders-api",
              Estate.PAYMENTS,
              Problem.ERRORS,
              ChangeCall.STACK,
              "orders-api",
              ChangeCall.STACK,
              "ledger-api",
              Estate.SHOP),
          new Scenario(
              "web-nginx",
              Estate.SHOP,
              Problem.ERRORS,
              ChangeCall.ECS_SERVICE,
              "web-nginx",
              ChangeCall.ECS_SERVICE,
              "recommendations",
              Estate.PLATFORM),
          new Scenario(
              "inventory",
              Estate.PLATFORM,
              Problem.ERRORS,
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
  static final List<Scenario> CONFIGURATIONS =
      List.of(
          new Scenario(
              "checkout",
              Estate.SHOP,
              Problem.LATENCY,
              ChangeCall.PARAMETER,
              "/checkout/db/pool-size",
              ChangeCall.ECS_SERVICE,
              "recommendations",
              Estate.PLATFORM));
}
