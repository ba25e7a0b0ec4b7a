package org.ftasim.sample.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.ftasim.sample.ModelSample;
import org.ftasim.sample.SampleWorld;
import scala.Tuple3;

/** The sample's flows of one year summed by (exporter, importer, sector), with Σ value × applied tariff, in parallel. */
public final class SectorFlows {
  private SectorFlows() {}

  /** @return exporter index → {value USD [j·S + s], Σ value × tariff % [j·S + s]} */
  public static Map<Integer, double[][]> aggregate(SparkSession spark, Broadcast<SampleWorld> world,
      Broadcast<ModelSample.RateTable> rates, int year, int sectors, int partitions) {
    int n = world.value().economies().size();
    MapPartitionsFunction<Long, Tuple3<Integer, double[], double[]>> sum = ids -> {
      SampleWorld w = world.value();
      ModelSample.RateTable r = rates.value();
      List<Tuple3<Integer, double[], double[]>> out = new ArrayList<>();
      while (ids.hasNext()) {
        int i = ids.next().intValue();
        double[] value = new double[n * sectors];
        double[] duty = new double[n * sectors];
        w.flows(year, i, (j, k, usd, tonnes) -> {
          int cell = j * sectors + r.sectorOfProduct()[k];
          double v = Math.round(usd) / 1.0;
          value[cell] += v;
          duty[cell] += v * r.rate(j, i, k);
        });
        out.add(new Tuple3<>(i, value, duty));
      }
      return out.iterator();
    };
    List<Tuple3<Integer, double[], double[]>> rows = spark.range(0, n, 1, Math.max(1, Math.min(partitions, n)))
        .as(Encoders.LONG())
        .mapPartitions(sum, Encoders.tuple(Encoders.INT(), Encoders.kryo(double[].class), Encoders.kryo(double[].class)))
        .collectAsList();
    Map<Integer, double[][]> out = new HashMap<>();
    for (Tuple3<Integer, double[], double[]> t : rows) {
      out.put(t._1(), new double[][] {t._2(), t._3()});
    }
    return out;
  }
}
