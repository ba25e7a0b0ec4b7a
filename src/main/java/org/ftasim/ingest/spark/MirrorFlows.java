package org.ftasim.ingest.spark;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.ftasim.ingest.FileStats;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * UN Comtrade's mirror flows: each flow is reported twice, by the importer (CIF, {@code COMTRADE_M}) and by the
 * exporter (FOB, {@code COMTRADE_X}). The importer's report is kept, as customs data on imports are the more
 * complete (UN Comtrade's own guidance for mirror statistics); the exporter's report stands in only where the
 * importer reported nothing.
 */
public final class MirrorFlows {
  private static final Seq<String> KEY = CollectionConverters.asScala(List.of("year", "exporter", "importer", "hs6"))
      .toList();

  private MirrorFlows() {}

  /**
   * The flows with every exporter-reported row dropped whose (year, exporter, importer, hs6) an importer reported;
   * each file's dropped rows are added to its {@link FileStats#superseded}.
   *
   * @param paths the files' paths, by the file index of {@code stats}
   */
  public static Dataset<Row> importersFirst(Dataset<Row> flows, List<String> paths, Map<Integer, FileStats> stats) {
    Dataset<Row> all = flows.persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> imports = all.filter("source = 'COMTRADE_M'");
    Dataset<Row> importKeys = imports.select("year", "exporter", "importer", "hs6").distinct();
    Dataset<Row> exports = all.filter("source = 'COMTRADE_X'");
    for (Row r : exports.join(importKeys, KEY, "left_semi").groupBy("source_path").count().collectAsList()) {
      int file = paths.indexOf(r.getString(0));
      stats.get(file).superseded += r.getLong(1);
    }
    return imports.unionByName(exports.join(importKeys, KEY, "left_anti"));
  }
}
