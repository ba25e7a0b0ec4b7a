package org.ftasim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.ftasim.config.UserException;
import org.ftasim.table.Tables;
import org.junit.jupiter.api.Test;

/**
 * Every factory of every error catalogue, called with marked arguments: the message must name each value it was
 * given (the file, line, key and bad value) and say the fix. {@code ArchitectureTest} checks that the catalogued
 * areas build their user errors nowhere else.
 */
class ErrorCataloguesTest {
  static final List<Class<?>> CATALOGUES = List.of(org.ftasim.ingest.IngestErrors.class,
      org.ftasim.table.TableErrors.class, classOf("org.ftasim.sector.SectorErrors"),
      classOf("org.ftasim.markets.MarketsErrors"), org.ftasim.estimate.EstimateErrors.class,
      classOf("org.ftasim.config.ConfigErrors"), org.ftasim.inputs.InputsErrors.class,
      classOf("org.ftasim.jobs.JobErrors"), org.ftasim.model.ModelErrors.class, classOf("org.ftasim.sweep.SweepErrors"),
      classOf("org.ftasim.tariff.TariffErrors"));

  private static Class<?> classOf(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyErrorNamesItsValuesAndItsFix() throws Exception {
    int factories = 0;
    // every bad message at once, not the first
    org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
    for (Class<?> catalogue : CATALOGUES) {
      for (Method m : catalogue.getDeclaredMethods()) {
        if (!Modifier.isStatic(m.getModifiers()) || !UserException.class.isAssignableFrom(m.getReturnType())) {
          continue;
        }
        m.setAccessible(true);
        List<Object> args = new ArrayList<>();
        List<String> named = new ArrayList<>();
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
          Class<?> t = types[i];
          if (t == String.class) {
            // a scheme must be one; the others are marked so the message can be searched for them
            String v = m.getParameters()[i].getName().equals("scheme") || i == 2 && m.getName().equals("noFileSystem")
                ? "s3a" : "«" + m.getName() + i + "»";
            args.add(v);
            named.add(v);
          } else if (t == int.class) {
            args.add(4100 + i);
            named.add(Integer.toString(4100 + i));
          } else if (t == long.class) {
            args.add(5100L + i);
            named.add(Long.toString(5100L + i));
          } else if (t == boolean.class) {
            args.add(true);
          } else if (t == double.class) {
            args.add(1.25 + i);
          } else if (java.util.Set.class.isAssignableFrom(t)) {
            args.add(new java.util.TreeSet<>(java.util.Set.of("«set" + i + "»")));
            named.add("«set" + i + "»");
          } else if (t == java.util.Map.class) {
            args.add(java.util.Map.of("«key" + i + "»",
                new java.util.TreeSet<>(java.util.Set.of("«value" + i + "»"))));
            named.add("«key" + i + "»");
            named.add("«value" + i + "»");
          } else if (t == Object.class) {
            args.add("«object" + i + "»");
            named.add("«object" + i + "»");
          } else if (t == List.class) {
            args.add(List.of("«list" + i + "»"));
            named.add("«list" + i + "»");
          } else if (t == org.ftasim.table.TableDef.class) {
            args.add(Tables.RUNS);
            named.add("runs");
          } else if (t == UncheckedIOException.class) {
            args.add(new UncheckedIOException(new IOException("«io»")));
            named.add("«io»");
          } else if (Throwable.class.isAssignableFrom(t)) {
            args.add(new IllegalArgumentException("«cause»"));
          } else {
            throw new AssertionError("no sample argument of " + t + " for " + m);
          }
        }
        UserException e = (UserException) m.invoke(null, args.toArray());
        String name = catalogue.getSimpleName() + "." + m.getName();
        softly.assertThat(e.getMessage()).as(name).containsIgnoringCase("fix:");
        if (!named.isEmpty()) {
          softly.assertThat(e.getMessage()).as(name).contains(named);
        }
        factories++;
      }
    }
    softly.assertAll();
    assertThat(factories).isGreaterThanOrEqualTo(320);
  }
}
