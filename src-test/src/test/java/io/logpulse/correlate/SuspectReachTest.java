package io.logpulse.correlate;

import static io.logpulse.correlate.Changes.SHOP;
import static io.logpulse.correlate.Changes.deploy;
import static org.assertj.core.api.Assertions.assertThat;

import io.logpulse.schema.ChangeEvent;
import io.logpulse.schema.Suspect;
import io.logpulse.testing.DeployedSettings;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Network and permission changes as suspects: they reach the services of their account whether or
 * not they name them, but never outrank a change that names the failing service made as close in
 * time, and the decoy deploy of another service just before the start does not outrank them when
 * they touch the failing service.
 */
class SuspectReachTest {

  private static final long SECOND = 1_000;
  private static final long MINUTE = 60 * SECOND;
  private static final long T = 1_767_225_600_000L;
  private static final String ALICE =
      "arn:aws:sts::" + SHOP + ":assumed-role/AWSReservedSSO_Admin/alice";
  private static final SuspectRanker DEFAULT = new SuspectRanker(DeployedSettings.correlate());

  /** Every change is named, so the property below compares scores, not floors. */
  private static final SuspectRanker NO_FLOOR =
      new SuspectRanker(
          DeployedSettings.correlate(
              Map.of(
                  "correlate.max-changes-per-account", "100", "correlate.min-suspect-score", "0")));

  private static ChangeEvent call(
      String id, long time, String source, String api, String kind, String... resources) {
    return deploy(id, SHOP, time, resources)
        .setEventSource(source)
        .setEventName(api)
        .setChangeKind(kind)
        .setPrincipal(ALICE)
        .setAgent("console")
        .build();
  }

  /** A deploy of another service, 25 s before the start: the decoy. */
  private static ChangeEvent decoy() {
    return deploy(
            "decoy",
            SHOP,
            T - 25 * SECOND,
            "arn:aws:ecs:eu-west-1:" + SHOP + ":service/shop/checkout")
        .setEventSource("ecs.amazonaws.com")
        .setEventName("UpdateService")
        .build();
  }

  private static ChangeEvent revokeIngress(long time, String... resources) {
    return call(
        "sg", time, "ec2.amazonaws.com", "RevokeSecurityGroupIngress", "network", resources);
  }

  private static ChangeEvent detachRolePolicy(long time, String role) {
    return call(
        "iam",
        time,
        "iam.amazonaws.com",
        "DetachRolePolicy",
        "iam",
        role,
        "arn:aws:iam::" + SHOP + ":policy/table-access");
  }

  private static double score(Suspect suspect) {
    return suspect == null ? 0 : suspect.getScore();
  }

  @Test
  void aSecurityGroupChangeOfTheFailingServiceOutranksTheDecoyDeploy() {
    Suspect decoy = DEFAULT.rank(decoy(), "web", T);
    Suspect sg =
        DEFAULT.rank(revokeIngress(T - 4 * MINUTE, "sg-0a1b2c3d4e5f60718", "web-alb-sg"), "web", T);

    assertThat(sg).isNotNull();
    assertThat(decoy).as("another service's deploy is no suspect").isNull();
    assertThat(sg.getResources()).startsWith("web-alb-sg");
    assertThat(sg.getExplanation())
        .isEqualTo(
            "security group web-alb-sg (guards web): ingress revoked by role/AWSReservedSSO_Admin"
                + " via console, 4 min before; a security group reaches what it guards");
  }

  @Test
  void soDoesItForAServiceSharingOnlyTheTierOfTheName() {
    Suspect decoy = DEFAULT.rank(decoy(), "web-nginx", T);
    Suspect sg =
        DEFAULT.rank(
            revokeIngress(T - 4 * MINUTE, "sg-0a1b2c3d4e5f60718", "web-alb-sg"), "web-nginx", T);

    assertThat(sg).isNotNull();
    assertThat(decoy).as("another service's deploy is no suspect").isNull();
    assertThat(sg.getExplanation())
        .startsWith("security group web-alb-sg (likely guards web-nginx): ingress revoked");
  }

  @Test
  void anIamChangeOfTheFailingServicesRoleOutranksTheDecoyDeploy() {
    Suspect decoy = DEFAULT.rank(decoy(), "inventory-api", T);
    Suspect ownRole =
        DEFAULT.rank(
            detachRolePolicy(T - 4 * MINUTE, "inventory-api-task-role"), "inventory-api", T);
    Suspect stemRole =
        DEFAULT.rank(detachRolePolicy(T - 2 * MINUTE, "inventory-task-role"), "inventory-api", T);

    assertThat(ownRole).isNotNull();
    assertThat(decoy).as("another service's deploy is no suspect").isNull();
    assertThat(stemRole).isNotNull();
    assertThat(decoy).as("another service's deploy is no suspect").isNull();
    assertThat(stemRole.getExplanation())
        .isEqualTo(
            "IAM role inventory-task-role (likely runs inventory-api): policy detached by"
                + " role/AWSReservedSSO_Admin via console, 2 min before; a role's policies reach"
                + " the services using that role");
  }

  @Test
  void aDeployOfTheFailingServiceStillBeatsAnUnrelatedTagChange() {
    Suspect deploy =
        DEFAULT.rank(
            deploy("d", SHOP, T - 10 * MINUTE, "service/shop/checkout")
                .setEventSource("ecs.amazonaws.com")
                .setEventName("UpdateService")
                .build(),
            "checkout",
            T);
    ChangeEvent tags =
        call(
            "t",
            T - 30 * SECOND,
            "ec2.amazonaws.com",
            "CreateTags",
            "other",
            "sg-0a1b2c3d4e5f60718");

    assertThat(ChangeReach.of(tags)).as("tagging reaches nothing").isNull();
    assertThat(deploy.getScore()).isGreaterThan(score(DEFAULT.rank(tags, "checkout", T)));
    assertThat(NO_FLOOR.rank(tags, "checkout", T)).as("a tag of nothing of checkout's").isNull();
  }

  @Test
  void aChangeNamingNothingOfTheServiceIsASuspectByItsReachAndSaysSo() {
    ChangeEvent route =
        call(
            "rt",
            T - 4 * MINUTE,
            "ec2.amazonaws.com",
            "ReplaceRoute",
            "network",
            "rtb-0a1b2c3d4e5f60718");
    Suspect suspect = DEFAULT.rank(route, "checkout", T);

    assertThat(suspect).as("named although it names nothing of checkout").isNotNull();
    assertThat(suspect.getExplanation())
        .isEqualTo(
            "route table rtb-0a1b2c3d4e5f60718: route replaced by role/AWSReservedSSO_Admin via"
                + " console, 4 min before; names no resource of checkout, but a route table reaches"
                + " everything in its VPC");
    ChangeEvent listener =
        call(
            "l",
            T - 4 * MINUTE,
            "elasticloadbalancing.amazonaws.com",
            "ModifyListener",
            "network",
            "arn:aws:elasticloadbalancing:eu-west-1:" + SHOP + ":listener/app/shop-alb/50dc/f2f7");
    assertThat(DEFAULT.rank(listener, "checkout", T).getScore())
        .as("a VPC's routes reach more than one load balancer's listener")
        .isLessThan(suspect.getScore());
  }

  @Test
  void aFailedNetworkChangeSaysSo() {
    ChangeEvent failed =
        deploy("f", SHOP, T - MINUTE, "web-alb-sg")
            .setEventSource("ec2.amazonaws.com")
            .setEventName("RevokeSecurityGroupIngress")
            .setChangeKind("network")
            .setFailed(true)
            .setErrorCode("UnauthorizedOperation")
            .build();
    assertThat(NO_FLOOR.rank(failed, "web", T).getExplanation())
        .contains(": ingress revoked by role/ci-deploy (failed: UnauthorizedOperation) via ci");
  }

  /** Network and permission calls of the reach table, with their kinds. */
  @Provide
  Arbitrary<ChangeEvent> reachCalls() {
    return Arbitraries.of(
            List.of("ec2.amazonaws.com", "RevokeSecurityGroupIngress", "network"),
            List.of("ec2.amazonaws.com", "AuthorizeSecurityGroupEgress", "network"),
            List.of("ec2.amazonaws.com", "ReplaceRoute", "network"),
            List.of("ec2.amazonaws.com", "ReplaceNetworkAclEntry", "network"),
            List.of("ec2.amazonaws.com", "DetachInternetGateway", "network"),
            List.of("elasticloadbalancing.amazonaws.com", "ModifyListener", "network"),
            List.of("elasticloadbalancing.amazonaws.com", "DeregisterTargets", "network"),
            List.of("iam.amazonaws.com", "DetachRolePolicy", "iam"),
            List.of("iam.amazonaws.com", "SetDefaultPolicyVersion", "iam"),
            List.of("iam.amazonaws.com", "CreateUser", "iam"),
            List.of("kms.amazonaws.com", "DisableKey", "iam"))
        .map(c -> call("r", T, c.get(0), c.get(1), c.get(2), "resource-of-another-team"));
  }

  @Property
  void aChangeNamingTheServiceBeatsAReachOnlyOneAsCloseInTime(
      @ForAll("reachCalls") ChangeEvent reach,
      @ForAll("kinds") String kind,
      @ForAll @IntRange(min = -120, max = 1800) int secondsBefore,
      @ForAll("namesOfCheckout") String resource) {
    CorrelateSettings settings = DeployedSettings.correlate();
    long time = T - secondsBefore * SECOND;
    ChangeEvent reachOnly =
        ChangeEvent.newBuilder(reach).setTime(java.time.Instant.ofEpochMilli(time)).build();
    ChangeEvent named =
        ChangeEvent.newBuilder(reachOnly)
            .setChangeKind(kind)
            .setResources(List.of(resource))
            .build();
    double reachScore = score(NO_FLOOR.rank(reachOnly, "checkout", T));

    assertThat(
            NO_FLOOR
                .rank(
                    ChangeEvent.newBuilder(reachOnly).setResources(List.of(resource)).build(),
                    "checkout",
                    T)
                .getScore())
        .as("the same call naming the service")
        .isGreaterThan(reachScore);
    if (settings.kindPrior(kind) >= settings.kindPrior(reach.getChangeKind())) {
      assertThat(NO_FLOOR.rank(named, "checkout", T).getScore())
          .as("a %s change naming %s", kind, resource)
          .isGreaterThan(reachScore);
    }
  }

  @Provide
  Arbitrary<String> kinds() {
    return Arbitraries.of(CorrelateSettings.DEFAULT_KIND_PRIORS.keySet());
  }

  @Provide
  Arbitrary<String> namesOfCheckout() {
    return Arbitraries.of(
        "checkout",
        "service/shop/checkout",
        "checkout-alb-sg",
        "checkout-task-role",
        "arn:aws:iam::" + SHOP + ":role/checkout-task-role");
  }
}
