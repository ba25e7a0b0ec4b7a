package org.ftasim.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;
import org.ftasim.config.ConfigLoader;
import org.ftasim.config.LoadedConfig;
import org.ftasim.config.UserException;
import org.ftasim.table.RunCommits;
import org.ftasim.table.TableGate;
import org.ftasim.table.Tables;
import org.ftasim.table.TestSeams;
import org.ftasim.table.TextFiles;
import org.ftasim.table.Warehouse;

/**
 * The contract every job keeps, whether started by {@code jobs/ftasim} or {@code spark-submit}: parse the
 * command line and load the config before anything touches Spark (a bad option or value exits 2 and writes
 * nothing), run the job, record it in {@code runs}, and print exactly one line of JSON —
 * {@code {"job","run_id","status","seconds","counts","tables"[,"error"]}} — to stdout (to stderr for
 * commands whose stdout is data). Exit status: 0 ok, 1 failed, 2 the user's input was wrong.
 */
public final class Launcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  /** Creates or reuses the session; tests pass one that returns their shared session. */
  @FunctionalInterface
  public interface SessionFactory {
    SparkSession create(String job, String master, Map<String, String> conf, boolean verbose);
  }

  private Launcher() {}

  /** Entry point behind every job's {@code main}: keeps stdout for the summary, then exits with its status. */
  public static void main(JobSpec spec, JobBody body, String[] args) {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    int status;
    try {
      status = execute(spec, body, args, stdout, System.err, Sessions::create);
    } finally {
      SparkSession.getActiveSession().foreach(s -> {
        s.stop();
        return null;
      });
      stdout.flush();
    }
    System.exit(status);
  }

  public static int execute(JobSpec spec, JobBody body, String[] args, PrintStream out, PrintStream err,
      SessionFactory sessions) {
    Instant start = Instant.now();
    PrintStream summaryOut = spec.dataOnStdout() ? err : out;
    Invocation inv;
    LoadedConfig loaded;
    String runId = null;
    try {
      inv = Invocation.parse(spec, args);
      if (inv.help()) {
        out.print(spec.usage());
        return 0;
      }
      runId = inv.runId().orElseGet(() -> generateRunId(spec.name()));
      loaded = config(inv);
    } catch (UserException e) {
      err.println("ftasim " + spec.name() + ": " + e.getMessage());
      summary(summaryOut, spec.name(), runId, "failed", start, new JobResult(), e.getMessage());
      return 2;
    }

    SparkSession spark;
    try {
      spark = sessions.create(spec.name(), inv.master().orElse(null), inv.sparkConf(), inv.verbose());
    } catch (Exception e) {
      // a master URL Spark cannot parse or reach is the user's; anything else starting Spark is the environment's
      boolean master = inv.master().isPresent();
      String error = master ? "Spark did not start with --master " + inv.master().get() + ": " + e.getMessage()
          + "; fix: give local[*], local[N] or spark://HOST:PORT of a running master"
          : "Spark did not start: " + e;
      err.println("ftasim " + spec.name() + ": " + error);
      if (!master) {
        e.printStackTrace(err);
      }
      summary(summaryOut, spec.name(), runId, "failed", start, new JobResult(), error);
      return master ? 2 : 1;
    }
    JobContext ctx = new JobContext(spec.name(), runId, new Warehouse(inv.warehouse()), loaded, inv, out, err);
    JobResult result = new JobResult();
    String error = null;
    int status = 0;
    java.util.concurrent.CompletableFuture<Void> running = null;
    java.util.concurrent.CompletableFuture<Void> upkeep = null;
    try {
      org.ftasim.table.TableReader.startNoting();
      if (spec.recordsRun()) {
        // Every commit carries the run id, so a run that fails or is killed can be undone table by table.
        RunCommits.tag(spark, runId);
        // A row with status 'running' first: a run that dies without a word stays visible as such.
        RunRecorder.Started started = RunRecorder.started(spark, ctx, start);
        running = started.recorded();
        upkeep = started.upkeep();
        TableGate.holdUntil(running);
        running.whenComplete((done, failure) -> {
          if (failure != null) {
            ctx.runRecorded().completeExceptionally(failure);
          } else {
            ctx.runRecorded().complete(null);
          }
        });
      }
      result = body.run(spark, ctx);
    } catch (Exception | LinkageError e) {
      UserException user = userCause(e);
      if (user != null) {
        error = user.getMessage();
        status = 2;
      } else {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
        status = 1;
        e.printStackTrace(err);
      }
    }
    if (error != null) {
      err.println("ftasim " + spec.name() + " failed: " + error);
    }
    if (spec.recordsRun()) {
      TableGate.release();
      if (status != 0) {
        error = error + undo(spark, ctx);
      } else {
        TestSeams.point("before-record");
      }
      try {
        if (running != null) {
          try {
            running.join();
          } catch (java.util.concurrent.CompletionException e) {
            err.println("ftasim " + spec.name() + ": the 'running' row of table runs was not written (" + e.getCause()
                + "); the outcome is recorded below");
          }
          upkeep.join();
        }
        RunRecorder.record(spark, ctx, status == 0 ? "ok" : "failed", start, Instant.now(), result, error);
        if (status == 0) {
          result.table(Tables.RUNS.name());
        }
      } catch (Exception e) {
        err.println("ftasim " + spec.name() + ": could not record the run in table runs: " + e);
        e.printStackTrace(err);
        error = error != null ? error : "recording the run failed: " + e.getMessage();
        status = status != 0 ? status : 1;
      }
    }
    if (spec.recordsRun()) {
      RunCommits.untag(spark);
    }
    summary(summaryOut, spec.name(), runId, status == 0 ? "ok" : "failed", start, result, error);
    return status;
  }

  /** Takes a failed run's commits out of every table but runs, says what it did, and returns it for the record. */
  private static String undo(SparkSession spark, JobContext ctx) {
    try {
      List<String> done = RunCommits.undo(spark, ctx.warehouse(), ctx.runId(), Tables.curated());
      for (String d : done) {
        ctx.err().println("ftasim " + ctx.job() + ": rolled back " + d);
      }
      return done.isEmpty() ? "" : "; rolled back: " + String.join("; ", done);
    } catch (RuntimeException e) {
      ctx.err().println("ftasim " + ctx.job() + ": could not roll back the run's commits: " + e);
      return "; rolling back its commits failed: " + e.getMessage();
    }
  }

  /**
   * The user's error behind {@code e}, if any: one a task threw reaches the driver wrapped in Spark's job failure
   * (and in Delta's write failure around that), whose message is a stack of task and stage details.
   */
  /**
   * The run's config: defaults, the {@code --config} file and the {@code --set} overrides. A file with a URI scheme
   * other than {@code file:} is read through Hadoop, with the invocation's {@code spark.hadoop.*} settings.
   */
  private static LoadedConfig config(Invocation inv) {
    Optional<String> file = inv.configFile();
    List<String> sets = inv.all("--set");
    inv.sparkConf();
    if (file.isEmpty()) {
      return ConfigLoader.load((java.nio.file.Path) null, sets);
    }
    String scheme = new org.apache.hadoop.fs.Path(file.get()).toUri().getScheme();
    if (scheme == null || scheme.equals("file")) {
      return ConfigLoader.load(java.nio.file.Path.of(scheme == null ? file.get()
          : new org.apache.hadoop.fs.Path(file.get()).toUri().getPath()), sets);
    }
    try (java.io.InputStream in = new TextFiles(inv.hadoopConf()).open(file.get(), "config file")) {
      return ConfigLoader.load(in, file.get(), sets);
    } catch (java.io.IOException e) {
      throw org.ftasim.config.ConfigErrors.configUnreadable(file.get(), e.getMessage(), e);
    }
  }

  static UserException userCause(Throwable e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
      if (t instanceof UserException u) {
        return u;
      }
    }
    return null;
  }

  static String generateRunId(String job) {
    return job + "-" + RUN_TIME.format(Instant.now()) + "-"
        + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
  }

  private static void summary(PrintStream out, String job, String runId, String status, Instant start,
      JobResult result, String error) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job", job);
    m.put("run_id", runId);
    m.put("status", status);
    m.put("seconds", Math.round((Instant.now().toEpochMilli() - start.toEpochMilli()) / 10.0) / 100.0);
    m.put("counts", result.counts());
    m.put("tables", result.tables());
    if (error != null) {
      m.put("error", error);
    }
    try {
      out.println(JSON.writeValueAsString(m));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }
}
