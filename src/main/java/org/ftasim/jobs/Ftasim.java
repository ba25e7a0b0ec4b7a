package org.ftasim.jobs;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code ftasim <command>} dispatcher used by jobs/ftasim; each command is also its own main class. */
public final class Ftasim {
  /** A command: its spec and its run method. */
  public record Command(JobSpec spec, JobBody body, Class<?> mainClass) {}

  public static final List<Command> COMMANDS = List.of(
      new Command(DemoJob.SPEC, DemoJob::run, DemoJob.class),
      new Command(SqlJob.SPEC, SqlJob::run, SqlJob.class),
      new Command(ExportJob.SPEC, ExportJob::run, ExportJob.class),
      new Command(SolveCpJob.SPEC, SolveCpJob::run, SolveCpJob.class),
      new Command(SolveGravityJob.SPEC, SolveGravityJob::run, SolveGravityJob.class),
      new Command(EstimateGravityJob.SPEC, EstimateGravityJob::run, EstimateGravityJob.class),
      new Command(SweepJob.SPEC, SweepJob::run, SweepJob.class),
      new Command(GenerateSampleJob.SPEC, GenerateSampleJob::run, GenerateSampleJob.class),
      new Command(IngestFlowsJob.SPEC, IngestFlowsJob::run, IngestFlowsJob.class),
      new Command(TariffsJob.SPEC, TariffsJob::run, TariffsJob.class),
      new Command(ModelInputsJob.SPEC, ModelInputsJob::run, ModelInputsJob.class),
      new Command(ReportJob.SPEC, ReportJob::run, ReportJob.class),
      new Command(DependenceJob.SPEC, DependenceJob::run, DependenceJob.class),
      new Command(SmartJob.SPEC, SmartJob::run, SmartJob.class));

  private Ftasim() {}

  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.print(usage());
      System.exit(args.length == 0 ? 2 : 0);
    }
    Optional<Command> command = find(args[0]);
    if (command.isEmpty()) {
      System.err.println("ftasim: unknown command '" + args[0] + "'\n" + usage());
      System.exit(2);
    }
    Command c = command.get();
    Launcher.main(c.spec(), c.body(), Arrays.copyOfRange(args, 1, args.length));
  }

  public static Optional<Command> find(String name) {
    return COMMANDS.stream().filter(c -> c.spec().name().equals(name)).findFirst();
  }

  static String usage() {
    StringBuilder sb = new StringBuilder("usage: ftasim <command> [options]   (ftasim <command> --help for its options)\n");
    for (Command c : COMMANDS) {
      sb.append(String.format("  %-16s %s  [main class %s]%n", c.spec().name(), c.spec().summary(),
          c.mainClass().getName()));
    }
    return sb.toString();
  }
}
