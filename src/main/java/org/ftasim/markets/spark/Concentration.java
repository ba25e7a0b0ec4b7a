package org.ftasim.markets.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
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
 * several rows (sources, files) are added first, so each supplier counts once; a tie for the top goes to the later
 * exporter code.
 */
public final class Concentration {
  private Concentration() {}

  public static Dataset<Row> markets(Dataset<Row> tradeFlows, List<String> partners, GoodsLists goods,
      String runId) {
    // shuffled once, by market: the per-supplier sums and the per-market lists below both group within a market,
    // so neither needs an exchange of its own (grouping by supplier first moved every flow twice)
    Dataset<Row> bySupplier = tradeFlows.where(col("value_usd").gt(0))
        .repartition(col("year"), col("importer"), col("hs6"))
        .groupBy("year", "importer", "hs6", "exporter")
        .agg(sum("value_usd").alias("v"), min("hs_version").alias("hs_version"));
    // each market's suppliers sorted by value (then code), and every sum taken in that order: the same doubles
    // whatever the partitioning, which a plain sum over a shuffle does not promise
    Dataset<Row> m = bySupplier.groupBy("year", "importer", "hs6")
        .agg(sort_array(collect_list(struct(col("v"), col("exporter")))).alias("s"),
            min("hs_version").alias("hs_version"));
    Column imports = expr("aggregate(s, 0D, (acc, x) -> acc + x.v)");
    Column[] names = partners.stream().map(p -> lit(p)).toArray(Column[]::new);
    Column[] shares = new Column[partners.size()];
    for (int p = 0; p < shares.length; p++) {
      String code = partners.get(p).replace("'", "");
      shares[p] = expr("aggregate(filter(s, x -> x.exporter = '" + code + "'), 0D, (acc, x) -> acc + x.v)")
          .divide(col("imports_usd"));
    }
    return m.withColumn("imports_usd", imports)
        .select(lit(runId).alias("run_id"), col("year"), col("importer"), col("hs6"), col("hs_version"),
            col("imports_usd"), size(col("s")).cast("long").alias("n_suppliers"),
            element_at(col("s"), -1).getField("exporter").alias("top_supplier"),
            element_at(col("s"), -1).getField("v").divide(col("imports_usd")).alias("top_share"),
            expr("aggregate(s, 0D, (acc, x) -> acc + x.v * x.v)")
                .divide(col("imports_usd").multiply(col("imports_usd"))).alias("hhi"),
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
