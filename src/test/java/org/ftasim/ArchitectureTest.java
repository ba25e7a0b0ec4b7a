package org.ftasim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, checked on the compiled classes with ArchUnit: the model and sweep cores are plain Java,
 * stages talk through tables (never through each other's classes), and only {@code jobs} wires them.
 */
class ArchitectureTest {
  /**
   * The stages: each reads and writes tables, and imports only the ground floor (model, sweep core, table, config,
   * sector: the HS → sector and industry maps).
   */
  static final List<String> STAGES = List.of("ingest", "tariff", "inputs", "sweep", "estimate", "markets");

  private static JavaClasses main;

  @BeforeAll
  static void importMain() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.ftasim");
    assertThat(main.size()).isGreaterThan(100);
  }

  /** model, the sweep core and the Spark-free parts of the stages (outside their {@code spark} packages). */
  static ArchRule engineFreeCores() {
    return noClasses().that().resideInAnyPackage("org.ftasim.model..", "org.ftasim.sweep", "org.ftasim.ingest",
            "org.ftasim.tariff", "org.ftasim.inputs", "org.ftasim.estimate", "org.ftasim.markets", "org.ftasim.sector")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..", "io.delta..")
        .because("the cores are plain Java, tested without Spark (DESIGN.md)");
  }

  /** model depends on nothing of ours but its own classes and the user-error base class its errors extend. */
  static ArchRule modelStandsAlone() {
    return classes().that().resideInAPackage("org.ftasim.model..")
        .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
            "outside org.ftasim, in org.ftasim.model, or org.ftasim.config.UserException",
            c -> !c.getPackageName().startsWith("org.ftasim") || c.getPackageName().startsWith("org.ftasim.model")
                || c.getName().equals("org.ftasim.config.UserException")))
        .because("models take data and parameters and return results; they do no I/O and read no config");
  }

  static ArchRule modelDoesNoIo() {
    return noClasses().that().resideInAPackage("org.ftasim.model..")
        .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "org.apache.hadoop..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
        .because("models never do I/O (DESIGN.md)");
  }

  /** Every area's user errors are built by its catalogue ({@code *Errors}: problem, cause, fix). */
  static final String[] CATALOGUED = {"org.ftasim.."};

  static ArchRule userErrorsComeFromTheirCatalogue(String... packages) {
    // the error types themselves (UserException, ConfigException, ModelDataException) build their messages' shape
    return noClasses().that().resideInAnyPackage(packages).and().haveSimpleNameNotEndingWith("Errors")
        .and().areNotAssignableTo(org.ftasim.config.UserException.class)
        .should().callCodeUnitWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
            "a constructor of a UserException, or UserException.of",
            call -> call.getTargetOwner().isAssignableTo(org.ftasim.config.UserException.class)
                && (call.getName().equals("<init>") || call.getName().equals("of"))))
        .because("each area's user errors are built and tested in one catalogue (as Delta Kernel's DeltaErrors)");
  }

  @Test
  void userErrorsComeFromTheirAreasCatalogue() {
    userErrorsComeFromTheirCatalogue(CATALOGUED).check(main);
  }

  @Test
  void theCoresImportNoSpark() {
    engineFreeCores().check(main);
  }

  @Test
  void theModelImportsNothingOfOursAndDoesNoIo() {
    modelStandsAlone().check(main);
    modelDoesNoIo().check(main);
  }

  @Test
  void stagesDoNotImportOneAnother() {
    for (String stage : STAGES) {
      String[] others = STAGES.stream().filter(s -> !s.equals(stage))
          .map(s -> "org.ftasim." + s + (s.equals("sweep") ? ".spark.." : "..")).toArray(String[]::new);
      ArchRule rule = noClasses().that().resideInAPackage("org.ftasim." + stage + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .because("stages talk through tables, not through each other's classes");
      rule.check(main);
    }
  }

  @Test
  void nothingButJobsImportsJobsAndOnlyJobsImportSample() {
    noClasses().that().resideOutsideOfPackage("org.ftasim.jobs..")
        .should().dependOnClassesThat().resideInAPackage("org.ftasim.jobs..")
        .because("only jobs wires the stages").check(main);
    noClasses().that().resideOutsideOfPackages("org.ftasim.jobs..", "org.ftasim.sample..")
        .should().dependOnClassesThat().resideInAPackage("org.ftasim.sample..")
        .because("the sample world generates the stages' inputs; only jobs runs it").check(main);
  }

  @Test
  void theGroundFloorImportsNoStage() {
    String[] stages = STAGES.stream().map(s -> "org.ftasim." + s + (s.equals("sweep") ? ".spark.." : ".."))
        .toArray(String[]::new);
    noClasses().that().resideInAnyPackage("org.ftasim.model..", "org.ftasim.table..", "org.ftasim.config..",
            "org.ftasim.sector..")
        .should().dependOnClassesThat().resideInAnyPackage(stages)
        .because("nothing on the ground floor imports a stage or a job (DESIGN.md)").check(main);
  }

  /** The rules bite: a model class that imports Spark and a stage's class fails them. */
  @Test
  void theRulesFailOnADeliberateViolation() {
    JavaClasses fixture = new ClassFileImporter().importPackages("org.ftasim.archfixture");
    assertThat(fixture.size()).isPositive();
    ArchRule sparkInModel = noClasses().that().resideInAPackage("org.ftasim.archfixture..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..");
    assertThatThrownBy(() -> sparkInModel.check(fixture)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("org.ftasim.archfixture.ModelThatImportsSpark");
    ArchRule modelAlone = classes().that().resideInAPackage("org.ftasim.archfixture..")
        .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
            "outside org.ftasim, or in org.ftasim.archfixture",
            c -> !c.getPackageName().startsWith("org.ftasim") || c.getPackageName().startsWith("org.ftasim.archfixture")));
    assertThatThrownBy(() -> modelAlone.check(fixture)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("org.ftasim.table.Tables");
    assertThatThrownBy(() -> userErrorsComeFromTheirCatalogue("org.ftasim.archfixture..").check(fixture))
        .isInstanceOf(AssertionError.class).hasMessageContaining("ErrorOutsideItsCatalogue.violate");
  }
}
