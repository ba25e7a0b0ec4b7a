package org.ftasim.model.ppml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ftasim.model.ModelErrors;

/**
 * A PPML specification in fixest's notation: {@code y ~ x1 + x2 | fe1 + a^b}. Left of {@code ~} the flow; then the
 * covariates; after {@code |} the fixed effects, each a column or an interaction {@code a^b} of columns (one
 * effect per combination of their values).
 */
public record Formula(String dependent, List<String> covariates, List<List<String>> fixedEffects)
    implements Serializable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  public Formula {
    covariates = List.copyOf(covariates);
    fixedEffects = fixedEffects.stream().map(List::copyOf).toList();
  }

  public static Formula parse(String text) {
    String fix = "; fix: write it as \"trade ~ rta + ln_dist | exporter^year + importer^year + pair\"";
    int tilde = text.indexOf('~');
    if (tilde < 0 || text.indexOf('~', tilde + 1) >= 0) {
      throw ModelErrors.notOneTilde(text);
    }
    String dependent = text.substring(0, tilde).trim();
    name(text, dependent, fix);
    String rest = text.substring(tilde + 1);
    int bar = rest.indexOf('|');
    String rhs = bar < 0 ? rest : rest.substring(0, bar);
    String fes = bar < 0 ? "" : rest.substring(bar + 1);
    if (fes.indexOf('|') >= 0) {
      throw ModelErrors.severalBars(text);
    }
    List<String> covariates = new ArrayList<>();
    for (String term : rhs.split("\\+")) {
      covariates.add(name(text, term.trim(), fix));
    }
    List<List<String>> fixedEffects = new ArrayList<>();
    if (!fes.isBlank()) {
      for (String term : fes.split("\\+")) {
        List<String> columns = new ArrayList<>();
        for (String c : term.split("\\^")) {
          columns.add(name(text, c.trim(), fix));
        }
        if (new LinkedHashSet<>(columns).size() != columns.size()) {
          throw ModelErrors.fixedEffectRepeatsColumn(text, term.trim());
        }
        fixedEffects.add(columns);
      }
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String c : covariates) {
      if (!seen.add(c) || c.equals(dependent)) {
        throw ModelErrors.covariateTwice(text, c);
      }
    }
    Set<String> feNames = new LinkedHashSet<>();
    for (List<String> fe : fixedEffects) {
      if (!feNames.add(String.join("^", fe))) {
        throw ModelErrors.fixedEffectTwice(text, String.join("^", fe));
      }
    }
    return new Formula(dependent, covariates, fixedEffects);
  }

  private static String name(String text, String name, String fix) {
    if (!NAME.matcher(name).matches()) {
      throw ModelErrors.notAColumnName(text, name);
    }
    return name;
  }

  /** A fixed effect's name as written: its columns joined by {@code ^}. */
  public static String termName(List<String> columns) {
    return String.join("^", columns);
  }

  /** Every column the formula reads. */
  public Set<String> columns() {
    Set<String> all = new LinkedHashSet<>();
    all.add(dependent);
    all.addAll(covariates);
    fixedEffects.forEach(all::addAll);
    return all;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(dependent).append(" ~ ").append(String.join(" + ", covariates));
    if (!fixedEffects.isEmpty()) {
      sb.append(" | ").append(String.join(" + ", fixedEffects.stream().map(Formula::termName).toList()));
    }
    return sb.toString();
  }
}
