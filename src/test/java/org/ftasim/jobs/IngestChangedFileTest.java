package org.ftasim.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.ForeachFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ftasim.TestSpark;
import org.ftasim.config.UserException;
import org.ftasim.ingest.BaciParser;
import org.ftasim.ingest.BaciRelease;
import org.ftasim.ingest.FlowParser;
import org.ftasim.ingest.spark.FlowIngest;
import org.ftasim.table.TableReader;
import org.ftasim.table.TableWriter;
import org.ftasim.table.Tables;
import org.ftasim.table.Warehouse;
import org.junit.jupiter.api.Test;

/**
 * A file that changes between ingest's scan and write passes (run here as {@code IngestFlowsJob} runs them) fails the
 * write with a message naming it, and the
 * Delta table keeps the version and rows it had; an error a task throws reaches the user as their error.
 */
class IngestChangedFileTest {
  private static final String COUNTRIES = "country_code,country_name,country_iso2,country_iso3\n"
      + "410,Rep. of Korea,KR,KOR\n392,Japan,JP,JPN\n842,USA,US,USA\n";
  private static final String PRODUCTS = "code,description\n010121,\"Horses, live\"\n854232,Memories\n"
      + "870323,\"Cars, 1500-3000cc\"\n";
  private static final String FILE = "BACI_HS17_Y2022_V202401.csv";
  private static final String LINES = "t,i,j,k,v,q\n"
      + "2022,410,392,010121,1.000,1.000\n"
      + "2022,410,392,854232,1000.5,12.000\n"
      + "2022,410,842,870323,3.000,1.000\n"
      + "2022,392,410,854232,4.000,NA\n"
      + "2022,842,410,870323,5.000,2.000\n";
  private static final String PREDICATE = "source_file IN ('" + FILE + "')";
  private final SparkSession spark = TestSpark.session();

  @Test
  void aFileChangedBetweenThePassesFailsTheWriteAndLeavesTheTableAsItWas() throws Exception {
    Path dir = TestSpark.newDir("baci-changing");
    Path file = dir.resolve(FILE);
    Files.writeString(file, LINES);
    // The job's passes, as IngestFlowsJob runs them, in ranges of 48 bytes.
    org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(file.toUri());
    FileStatus listed = hadoopPath.getFileSystem(spark.sparkContext().hadoopConfiguration())
        .getFileStatus(hadoopPath);
    FlowIngest.Source source = new FlowIngest.Source(listed.getPath().toString(), FILE, listed.getLen(),
        listed.getModificationTime());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<String, String> hadoop = new HashMap<>();
    spark.sparkContext().hadoopConfiguration().forEach(e -> hadoop.put(e.getKey(), e.getValue()));
    Broadcast<Map<String, String>> conf = jsc.broadcast(hadoop);
    Broadcast<List<FlowParser>> parsers = jsc.broadcast(List.of(new BaciParser(
        BaciRelease.countries(COUNTRIES, "countries"), BaciRelease.products(PRODUCTS, "products"), 0).forYear(2022)));
    List<FlowIngest.Chunk> chunks = FlowIngest.chunks(List.of(source), 48);
    assertThat(chunks).hasSizeGreaterThan(3);
    List<FlowIngest.Chunk> numbered = FlowIngest.number(chunks, FlowIngest.scan(jsc, chunks, parsers, conf));
    // the chunks' CRCs, read in parallel, combine into the whole file's
    assertThat(numbered).allSatisfy(c -> assertThat(c.content())
        .isEqualTo(org.ftasim.table.FileContent.of(Files.readAllBytes(file))));
    Broadcast<Map<Integer, Set<Long>>> noDuplicates = jsc.broadcast(Map.of());

    // Unchanged, the file is written.
    Warehouse w = new Warehouse(TestSpark.newDir("wh-changing").toString());
    TableWriter.replaceWhere(FlowIngest.accepted(spark, numbered, parsers, conf, noDuplicates, List.of("H5"),
        "unchanged"), w, Tables.TRADE_FLOWS, PREDICATE);
    DeltaTable table = DeltaTable.forPath(spark, w.path(Tables.TRADE_FLOWS));
    long version = table.history().count();
    List<Row> rows = TableReader.read(spark, w, Tables.TRADE_FLOWS).orderBy("exporter", "importer", "hs6")
        .collectAsList();
    assertThat(rows).hasSize(5);

    // Same length and modification time, but one line is now two: only the line count can tell.
    Files.writeString(file, LINES.replace("1000.5,12.000", "1000\n5,12.000"));
    Files.setLastModifiedTime(file, FileTime.fromMillis(listed.getModificationTime()));
    assertThat(Files.size(file)).isEqualTo(listed.getLen());
    UserException lines = writeFails(w, FlowIngest.accepted(spark, numbered, parsers, conf, noDuplicates,
        List.of("H5"), "changed-lines"));
    assertThat(lines.getMessage()).contains("file " + source.path() + " changed while ftasim read it: bytes ")
        .containsPattern("held \\d+ lines when first read and \\d+ now").contains("nothing was written", "Fix: ");

    // A line appended (a download still running): the length and time no longer match the listing.
    Files.writeString(file, LINES + "2022,842,392,870323,6.000,2.000\n");
    UserException grown = writeFails(w, FlowIngest.accepted(spark, numbered, parsers, conf, noDuplicates,
        List.of("H5"), "changed-length"));
    assertThat(grown.getMessage()).contains("it had " + listed.getLen() + " bytes",
        "has " + Files.size(file) + " bytes");

    Files.delete(file);
    assertThat(writeFails(w, FlowIngest.accepted(spark, numbered, parsers, conf, noDuplicates, List.of("H5"),
        "gone")).getMessage()).contains("changed while ftasim read it: it is gone");

    assertThat(table.history().count()).as("no commit of a failed write").isEqualTo(version);
    assertThat(TableReader.read(spark, w, Tables.TRADE_FLOWS).orderBy("exporter", "importer", "hs6")
        .collectAsList()).containsExactlyElementsOf(rows);
    assertThat(rows).allSatisfy(r -> assertThat(r.<String>getAs("run_id")).isEqualTo("unchanged"));
  }

  @Test
  void aUserErrorThrownInATaskExitsTwoWithItsOwnMessage() throws Exception {
    JobSpec spec = new JobSpec("task-error", "throws a user error inside a Spark task", Map.of(), Set.of(),
        Map.of(), null, false, false);
    JobBody body = (session, ctx) -> {
      session.range(4).repartition(2).foreach((ForeachFunction<Long>) x -> {
        if (x == 3) {
          throw new UserException("line 3 of in.csv is wrong; fix: correct it");
        }
      });
      return new JobResult();
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Launcher.execute(spec, body, new String[] {"--warehouse", TestSpark.newDir("wh-task").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        (job, master, c, verbose) -> spark);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(stderr).isEqualTo(2);
    assertThat(stderr).contains("ftasim task-error failed: line 3 of in.csv is wrong; fix: correct it")
        .doesNotContain("\tat org.apache.spark");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("\"error\":\"line 3 of in.csv is wrong; fix: correct it\"");
  }

  private UserException writeFails(Warehouse w, Dataset<Row> flows) {
    Throwable thrown = catchThrowable(() -> TableWriter.replaceWhere(flows, w, Tables.TRADE_FLOWS, PREDICATE));
    assertThat(thrown).isNotNull();
    UserException user = Launcher.userCause(thrown);
    assertThat(user).as("a UserException behind %s", thrown).isNotNull();
    return user;
  }
}
