package io.logpulse.correlate;

import static io.logpulse.correlate.Changes.SHOP;
import static io.logpulse.correlate.Changes.deploy;
import static io.logpulse.correlate.Changes.parameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logpulse.schema.Suspect;
import io.logpulse.testing.DeployedSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuspectRankerTest {

  private static final long MINUTE = 60_000;
  private static final long T = 1_767_225_600_000L;
  private static final SuspectRanker DEFAULT = new SuspectRanker(DeployedSettings.correlate());

  @Test
  void aDeployOfTheServiceOutranksACloserDeployOfAnotherOne() {
    Suspect planted =
        DEFAULT.rank(
            deploy(
                    "a",
                    SHOP,
                    T - 6 * MINUTE,
                    "arn:aws:lambda:eu-west-1:" + SHOP + ":function:payments-fn")
                .build(),
            "payments-fn",
            T);
    Suspect decoy =
        DEFAULT.rank(deploy("b", SHOP, T - MINUTE, "reports-fn").build(), "payments-fn", T);

    assertThat(decoy).as("another service's deploy is no suspect").isNull();
    assertThat(planted.getExplanation())
        .isEqualTo(
            "UpdateFunctionCode on payments-fn by role/ci-deploy via ci, 6 min before; deploy change"
                + " that names payments-fn");
  }

  @Test
  void theScoreCombinesProximityAffinityAndKind() {
    Suspect now = DEFAULT.rank(deploy("a", SHOP, T, "checkout").build(), "checkout", T);
    assertThat(now.getScore()).isCloseTo(1.0, within(1e-9));

    Suspect halfLife =
        DEFAULT.rank(deploy("a", SHOP, T - 10 * MINUTE, "checkout").build(), "checkout", T);
    assertThat(halfLife.getScore()).isCloseTo(0.35 * 0.5 + 0.65, within(1e-3));

    Suspect config =
        DEFAULT.rank(parameter("p", SHOP, T, "/checkout/db/pool-size").build(), "checkout", T);
    assertThat(config.getScore()).isCloseTo(0.8, within(1e-3));
  }

  @Test
  void changesOutsideTheWindowAreNoCandidates() {
    assertThat(DEFAULT.rank(deploy("a", SHOP, T - 31 * MINUTE, "checkout").build(), "checkout", T))
        .isNull();
    assertThat(DEFAULT.rank(deploy("a", SHOP, T + 3 * MINUTE, "checkout").build(), "checkout", T))
        .isNull();
    Suspect inside = DEFAULT.rank(deploy("a", SHOP, T + MINUTE, "checkout").build(), "checkout", T);
    assertThat(inside.getMinutesBefore()).isEqualTo(-1.0);
    assertThat(inside.getExplanation()).contains("1 min after the start");
  }

  @Test
  void aFailedCallCountsHalfAndSaysSo() {
    Suspect ok = DEFAULT.rank(deploy("a", SHOP, T, "checkout").build(), "checkout", T);
    Suspect failed =
        DEFAULT.rank(
            deploy("a", SHOP, T, "checkout").setFailed(true).setErrorCode("AccessDenied").build(),
            "checkout",
            T);
    assertThat(failed.getScore()).isCloseTo(ok.getScore() / 2, within(1e-3));
    assertThat(failed.getExplanation()).contains("(failed: AccessDenied)");
  }

  @Test
  void bookkeepingThatNamesTheServiceDoesNotOutrankADeploy() {
    Suspect retention =
        DEFAULT.rank(
            deploy("r", SHOP, T - MINUTE, "/ecs/checkout")
                .setEventSource("logs.amazonaws.com")
                .setEventName("PutRetentionPolicy")
                .setChangeKind("other")
                .build(),
            "checkout",
            T);
    Suspect deploy =
        DEFAULT.rank(
            deploy("d", SHOP, T - 8 * MINUTE, "service/shop/checkout").build(), "checkout", T);

    assertThat(retention).isNull();
    assertThat(deploy.getScore()).isGreaterThan(0.8);
  }

  @Test
  void weakCandidatesAreNotNamed() {
    assertThat(
            DEFAULT.rank(
                deploy("a", SHOP, T - 25 * MINUTE, "other-table").setChangeKind("data").build(),
                "checkout",
                T))
        .isNull();
  }

  @Test
  void configuredResourcesAndRegionsCount() {
    CorrelateSettings settings =
        DeployedSettings.correlate(
            Map.of(
                "correlate.max-changes-per-account", "100",
                "correlate.min-suspect-score", "0",
                "correlate.service-resources", "orders-api=a1b2c3d4e5",
                "correlate.service-regions", "orders-api=us-east-1"));
    SuspectRanker ranker = new SuspectRanker(settings);
    Suspect mapped =
        ranker.rank(
            deploy("a", SHOP, T, "a1b2c3d4e5").setRegion("us-east-1").build(), "orders-api", T);
    assertThat(mapped).isNotNull();
    assertThat(DEFAULT.rank(deploy("a", SHOP, T, "a1b2c3d4e5").build(), "orders-api", T))
        .as("unmapped, the resource is nothing of orders-api's")
        .isNull();

    Suspect home =
        ranker.rank(
            deploy("a", SHOP, T, "orders-api").setRegion("us-east-1").build(), "orders-api", T);
    Suspect away = ranker.rank(deploy("a", SHOP, T, "orders-api").build(), "orders-api", T);
    assertThat(away.getScore())
        .isCloseTo(home.getScore() * SuspectRanker.OTHER_REGION, within(1e-3));
  }

  @Test
  void theResourceThatTiesTheChangeToTheServiceComesFirst() {
    Suspect suspect =
        DEFAULT.rank(
            deploy("a", SHOP, T, "arn:aws:s3:::artifacts", "service/shop/checkout").build(),
            "checkout",
            T);
    assertThat(suspect.getResources())
        .containsExactly("service/shop/checkout", "arn:aws:s3:::artifacts");
  }
}
