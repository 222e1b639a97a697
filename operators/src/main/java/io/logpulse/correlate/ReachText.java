package io.logpulse.correlate;

import io.logpulse.parse.CloudTrailApi;
import io.logpulse.schema.ChangeEvent;
import java.util.Locale;

/**
 * The one-line explanation of a network or permission change as a suspect: what it touched and how
 * that relates to the service, what it did, who did it and when, and why it counts, as in {@code
 * security group web-alb-sg (guards web): ingress revoked by user/alice via console, 4 min before;
 * a security group reaches what it guards}. A change that names no resource of the service says
 * that it is a suspect by its reach alone ({@code names no resource of checkout, but a route table
 * reaches everything in its VPC}).
 */
final class ReachText {

  private ReachText() {}

  static String explain(
      ChangeEvent change,
      ChangeReach.Reach reach,
      String service,
      String resource,
      double nameAffinity,
      long before) {
    ChangeReach.Scope scope = reach.scope();
    boolean named = nameAffinity >= ServiceAffinity.PARTIAL;
    StringBuilder line = new StringBuilder();
    if (reach.action() != null) {
      line.append(scope.noun);
      if (resource != null) {
        line.append(' ').append(ChangeNames.resource(resource));
      }
    } else {
      line.append(CloudTrailApi.baseName(change.getEventName()));
      if (resource != null) {
        line.append(" on ").append(ChangeNames.resource(resource));
      }
    }
    if (named) {
      line.append(" (")
          .append(nameAffinity >= ServiceAffinity.WORD ? "" : "likely ")
          .append(String.format(Locale.ROOT, scope.relation, service))
          .append(')');
    }
    if (reach.action() != null) {
      line.append(": ").append(reach.action());
    }
    SuspectRanker.byWhom(line, change.getPrincipal(), change.getFailed(), change.getErrorCode())
        .append(" via ")
        .append(change.getAgent())
        .append(", ")
        .append(IncidentText.offset(before))
        .append("; ");
    if (!named) {
      line.append("names no resource of ").append(service).append(", but ");
    }
    return line.append(scope.reaches).toString();
  }
}
