package org.ftasim.sample.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.ftasim.sample.BaciFormat;
import org.ftasim.sample.Economy;
import org.ftasim.sample.SampleWorld;

/**
 * One year of the sample's BACI file as a Dataset of text blocks, one block per exporter in exporter order
 * ({@code range} keeps the order across partitions). Written with the text writer and concatenated in part order,
 * the file is the same bytes whatever the partition count.
 */
public final class BaciLines {
  private BaciLines() {}

  /**
   * @param stripLeadingZeros write HS codes of chapters 01–09 without their leading zero (a planted quirk)
   * @param repeatFirstLine write the first exporter's first line twice (a planted duplicate)
   * @param rows counts the lines written
   * @param stripped counts the codes written without their leading zero
   */
  public static Dataset<String> blocks(SparkSession spark, Broadcast<SampleWorld> world, int year, int partitions,
      boolean stripLeadingZeros, boolean repeatFirstLine, LongAccumulator rows, LongAccumulator stripped) {
    int n = world.value().economies().size();
    MapPartitionsFunction<Long, String> generate = ids -> {
      SampleWorld w = world.value();
      List<Economy> economies = w.economies();
      List<String> out = new ArrayList<>();
      while (ids.hasNext()) {
        int i = ids.next().intValue();
        StringBuilder sb = new StringBuilder(1 << 16);
        long[] counts = new long[2];
        int exporter = economies.get(i).code();
        w.flows(year, i, (j, k, usd, tonnes) -> {
          String code = w.hs().products().get(k).code();
          if (BaciFormat.append(sb, year, exporter, economies.get(j).code(), code, usd, tonnes, stripLeadingZeros)) {
            counts[0]++;
            if (stripLeadingZeros && code.charAt(0) == '0') {
              counts[1]++;
            }
          }
        });
        if (repeatFirstLine && i == 0 && sb.length() > 0) {
          int nl = sb.indexOf("\n");
          sb.insert(nl + 1, sb.substring(0, nl + 1));
        }
        if (sb.length() > 0) {
          sb.setLength(sb.length() - 1);
          out.add(sb.toString());
        }
        rows.add(counts[0]);
        stripped.add(counts[1]);
      }
      Iterator<String> it = out.iterator();
      return it;
    };
    return spark.range(0, n, 1, Math.max(1, Math.min(partitions, n))).as(Encoders.LONG())
        .mapPartitions(generate, Encoders.STRING());
  }
}
