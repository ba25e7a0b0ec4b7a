package org.ftasim.markets.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ftasim.markets.GoodsLists;
import org.ftasim.table.Tables;

/**
 * Supplier concentration of every import market (importer × HS6 × year) in one aggregation over trade_flows. With
 * s_e = M_e / Σ_e' M_e' the share of exporter e in the market's imports:
 * <pre>
 *   HHI = Σ_e s_e² = Σ_e M_e² / (Σ_e M_e)²       top_share = max_e s_e
 * </pre>
 * (Herfindahl–Hirschman on shares, 1/n for n equal suppliers, 1 for one). Flows of one exporter to one market from
 * several rows (sources, files) are added first, so each supplier counts once.
 */
public final class Concentration {
  private Concentration() {}

  public static Dataset<Row> markets(Dataset<Row> tradeFlows, List<String> partners, GoodsLists goods,
      String runId) {
    Dataset<Row> bySupplier = tradeFlows.where(col("value_usd").gt(0))
        .groupBy("year", "importer", "hs6", "exporter")
        .agg(sum("value_usd").alias("v"), first("hs_version").alias("hs_version"));
    List<Column> aggs = new ArrayList<>(List.of(sum("v").alias("imports_usd"), count(lit(1)).alias("n_suppliers"),
        max(struct(col("v"), col("exporter"))).alias("top"), sum(col("v").multiply(col("v"))).alias("v2"),
        first("hs_version").alias("hs_version")));
    for (int p = 0; p < partners.size(); p++) {
      aggs.add(sum(when(col("exporter").equalTo(partners.get(p)), col("v")).otherwise(0.0)).alias("p" + p));
    }
    Dataset<Row> m = bySupplier.groupBy("year", "importer", "hs6")
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0]));
    Column[] names = partners.stream().map(p -> lit(p)).toArray(Column[]::new);
    Column[] shares = new Column[partners.size()];
    for (int p = 0; p < shares.length; p++) {
      shares[p] = col("p" + p).divide(col("imports_usd"));
    }
    return m.select(lit(runId).alias("run_id"), col("year"), col("importer"), col("hs6"), col("hs_version"),
        col("imports_usd"), col("n_suppliers"), col("top.exporter").alias("top_supplier"),
        col("top.v").divide(col("imports_usd")).alias("top_share"),
        col("v2").divide(col("imports_usd").multiply(col("imports_usd"))).alias("hhi"),
        map_from_arrays(array(names).cast("array<string>"), array(shares).cast("array<double>"))
            .alias("partner_shares"),
        strategic(goods).alias("strategic"))
        .select(java.util.Arrays.stream(Tables.IMPORT_DEPENDENCE.schema().fieldNames()).map(c -> col(c))
            .toArray(Column[]::new));
  }

  /** The ids of the lists an hs6 column's product is on, as an expression (no UDF). */
  static Column strategic(GoodsLists goods) {
    List<Column> ids = new ArrayList<>();
    for (GoodsLists.GoodsList l : goods.lists()) {
      Column on = lit(false);
      for (GoodsLists.Code c : l.codes()) {
        on = on.or(col("hs6").startsWith(c.hs()));
      }
      ids.add(when(on, lit(l.id())));
    }
    return ids.isEmpty() ? array().cast("array<string>") : array_compact(array(ids.toArray(new Column[0])));
  }
}
