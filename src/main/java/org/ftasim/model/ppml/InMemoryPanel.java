package org.ftasim.model.ppml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small panel held in this JVM, cut into blocks the way the Spark stage cuts a big one: grouped by the local
 * effect's level (runs in level order), levels spread over blocks by hash, global levels numbered in sorted order.
 * For second-stage regressions on a few thousand pairs, and for tests.
 */
public final class InMemoryPanel {
  /** One observation: flow, covariates, the global effects' levels, the local effect's level. */
  public record Obs(double y, double[] x, String[] global, String local) {}

  /**
   * @param dictionaries each global effect's levels, sorted; level number = position
   */
  public record Built(List<PanelBlock> blocks, int[] levels, List<String[]> dictionaries) {
    public PpmlHdfe.Passes passes() {
      return PpmlHdfe.inMemory(blocks);
    }
  }

  private InMemoryPanel() {}

  public static Built build(List<Obs> rows, int blockCount) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("an empty panel");
    }
    int dims = rows.get(0).global().length;
    int k = rows.get(0).x().length;
    List<Map<String, Integer>> index = new ArrayList<>();
    List<String[]> dictionaries = new ArrayList<>();
    for (int g = 0; g < dims; g++) {
      TreeMap<String, Integer> d = new TreeMap<>();
      for (Obs o : rows) {
        d.put(o.global()[g], 0);
      }
      int i = 0;
      for (Map.Entry<String, Integer> e : d.entrySet()) {
        e.setValue(i++);
      }
      index.add(d);
      dictionaries.add(d.keySet().toArray(String[]::new));
    }
    List<TreeMap<String, List<Obs>>> byBlock = new ArrayList<>();
    for (int b = 0; b < blockCount; b++) {
      byBlock.add(new TreeMap<>());
    }
    for (Obs o : rows) {
      byBlock.get(Math.floorMod(o.local().hashCode(), blockCount)).computeIfAbsent(o.local(), key -> new ArrayList<>())
          .add(o);
    }
    List<PanelBlock> blocks = new ArrayList<>();
    for (TreeMap<String, List<Obs>> runs : byBlock) {
      int n = runs.values().stream().mapToInt(List::size).sum();
      if (n == 0) {
        continue;
      }
      double[] y = new double[n];
      double[][] x = new double[k][n];
      int[][] fe = new int[dims][n];
      int[] seg = new int[runs.size() + 1];
      String[] names = new String[runs.size()];
      int i = 0;
      int r = 0;
      for (Map.Entry<String, List<Obs>> run : runs.entrySet()) {
        names[r] = run.getKey();
        seg[r++] = i;
        for (Obs o : run.getValue()) {
          y[i] = o.y();
          for (int q = 0; q < k; q++) {
            x[q][i] = o.x()[q];
          }
          for (int g = 0; g < dims; g++) {
            fe[g][i] = index.get(g).get(o.global()[g]);
          }
          i++;
        }
      }
      seg[r] = n;
      blocks.add(new PanelBlock(y, x, fe, seg, names, null));
    }
    return new Built(blocks, dictionaries.stream().mapToInt(d -> d.length).toArray(), dictionaries);
  }
}
