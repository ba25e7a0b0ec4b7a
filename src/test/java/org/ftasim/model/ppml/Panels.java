package org.ftasim.model.ppml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds blocks from rows in memory, the way the Spark stage does: grouped by the local effect, hashed to blocks. */
final class Panels {
  private Panels() {}

  /** One observation: flow, covariates, global effect keys, local key, cluster key. */
  record Obs(double y, double[] x, String[] global, String local) {}

  record Built(List<PanelBlock> blocks, int[] levels, List<Map<String, Integer>> dictionaries) {}

  static Built build(List<Obs> rows, int blocks) {
    int dims = rows.get(0).global().length;
    List<Map<String, Integer>> dicts = new ArrayList<>();
    for (int g = 0; g < dims; g++) {
      TreeMap<String, Integer> d = new TreeMap<>();
      for (Obs o : rows) {
        d.put(o.global()[g], 0);
      }
      int i = 0;
      for (Map.Entry<String, Integer> e : d.entrySet()) {
        e.setValue(i++);
      }
      dicts.add(d);
    }
    List<TreeMap<String, List<Obs>>> byBlock = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      byBlock.add(new TreeMap<>());
    }
    for (Obs o : rows) {
      byBlock.get(Math.floorMod(o.local().hashCode(), blocks)).computeIfAbsent(o.local(), k -> new ArrayList<>()).add(o);
    }
    List<PanelBlock> out = new ArrayList<>();
    int k = rows.get(0).x().length;
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
        seg[r] = i;
        for (Obs o : run.getValue()) {
          y[i] = o.y();
          for (int q = 0; q < k; q++) {
            x[q][i] = o.x()[q];
          }
          for (int g = 0; g < dims; g++) {
            fe[g][i] = dicts.get(g).get(o.global()[g]);
          }
          i++;
        }
        r++;
      }
      seg[r] = n;
      out.add(new PanelBlock(y, x, fe, seg, names, null));
    }
    int[] levels = dicts.stream().mapToInt(Map::size).toArray();
    return new Built(out, levels, dicts);
  }

  static Map<String, Integer> header(String line) {
    Map<String, Integer> h = new LinkedHashMap<>();
    String[] f = line.split(",");
    for (int i = 0; i < f.length; i++) {
      h.put(f[i], i);
    }
    return h;
  }

  static Map<String, Integer> unused() {
    return new HashMap<>();
  }
}
