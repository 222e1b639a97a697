package io.logpulse.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.logpulse.impact.ImpactJudge;
import io.logpulse.job.LogpulseJob;
import io.logpulse.kinesis.KinesisSource;
import io.logpulse.local.cli.Logpulse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the layout promises, checked over the compiled main classes: the pipeline stages
 * know nothing of the connectors, operators nothing of the jobs or the local runner, the jobs
 * nothing of the local runner, and no two packages depend on each other.
 */
class LayeringTest {

  private static final String[] STAGES = {
    "io.logpulse.decode..",
    "io.logpulse.parse..",
    "io.logpulse.metrics..",
    "io.logpulse.detect..",
    "io.logpulse.impact..",
    "io.logpulse.correlate..",
    "io.logpulse.deadletter..",
    "io.logpulse.common.."
  };

  private static final String[] CONNECTORS = {
    "io.logpulse.kinesis..",
    "io.logpulse.cloudwatch..",
    "io.logpulse.eventbridge..",
    "io.logpulse.parquet..",
    "io.logpulse.replay..",
    "io.logpulse.aws.."
  };

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.logpulse");
  }

  @Test
  void theImportHoldsEveryModulesMainClasses() {
    assertThat(main.contain(LogpulseJob.class)).isTrue();
    assertThat(main.contain(ImpactJudge.class)).isTrue();
    assertThat(main.contain(KinesisSource.class)).isTrue();
    assertThat(main.contain(Logpulse.class)).isTrue();
    assertThat(main.contain(LayeringTest.class)).as("tests are not imported").isFalse();
  }

  @Test
  void pipelineStagesKnowNothingOfConnectors() {
    noClasses()
        .that()
        .resideInAnyPackage(STAGES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(CONNECTORS)
        .check(main);
  }

  @Test
  void operatorsKnowNothingOfJobsOrTheLocalRunner() {
    String[] operators = concat(STAGES, CONNECTORS);
    noClasses()
        .that()
        .resideInAnyPackage(operators)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.logpulse.job..", "io.logpulse.config..", "io.logpulse.local..")
        .check(main);
  }

  @Test
  void jobsKnowNothingOfTheLocalRunner() {
    noClasses()
        .that()
        .resideInAnyPackage("io.logpulse.job..", "io.logpulse.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.logpulse.local..")
        .check(main);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.logpulse.(*)..").should().beFreeOfCycles().check(main);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
