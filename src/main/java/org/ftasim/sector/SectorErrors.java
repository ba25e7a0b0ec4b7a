package org.ftasim.sector;

import java.util.List;
import org.ftasim.config.UserException;

/**
 * Every user error of the sector and industry maps, in one place (as Delta Kernel's {@code DeltaErrors}): each
 * names the file and line, the bad value, and the fix.
 */
final class SectorErrors {
  private SectorErrors() {}

  private static String at(String source, int line) {
    return source + " line " + line;
  }

  static UserException wrongHeader(String source, int line, String found, String header) {
    return UserException.of(at(source, line), "header '" + found + "' should be " + header,
        "make the first line that header");
  }

  static UserException wrongWidth(String source, int line, String text, int fields, int width, String header) {
    return UserException.of(at(source, line), "'" + text + "' has " + fields + " fields, not the " + width + " of "
        + header, "give every row the header's columns");
  }

  static UserException notCsv(String source, java.io.UncheckedIOException e) {
    return UserException.of(source, "not readable as CSV: " + e.getCause().getMessage(),
        "close every quoted field with a \"", e);
  }

  static UserException blankIndustryOrSector(String source, int line, String text) {
    return UserException.of(at(source, line), "'" + text + "' has no industry or sector",
        "give every row an icio2023 code and a sector");
  }

  static UserException badTheta(String source, int line, String value) {
    return UserException.of(at(source, line), "theta '" + value + "' must be a number greater than 0",
        "give the sector's trade elasticity, e.g. 4.55");
  }

  static UserException twoThetas(String source, int line, String sector, double before, double now) {
    return UserException.of(at(source, line), "sector " + sector + " has theta " + before + " and " + now,
        "give every row of a sector the same theta");
  }

  static UserException industryTwice(String source, int line, String code) {
    return UserException.of(at(source, line), "industry " + code + " is listed twice",
        "keep one row per industry (a 2021 code may stand beside its 2023 code once)");
  }

  static UserException noIndustries(String source) {
    return UserException.of(source, "lists no industries", "give the header and one row per ICIO industry");
  }

  static UserException sectorsWithoutCodes(String source, List<String> untraded, String industries) {
    return new UserException(source + " reaches no industry of the sectors " + untraded + " of " + industries
        + "; only one sector (services) may be without HS codes; fix: map HS codes to them or merge them in the"
        + " industry map");
  }

  static UserException badPrefixRow(String source, int line, String text, String header, String prefixes) {
    return UserException.of(at(source, line), "'" + text + "' is not " + header + " with a prefix of " + prefixes
        + " digits", "write the HS prefix as digits with its leading zeros (e.g. 0101) and fill every column");
  }

  static UserException unknownIndustry(String source, int line, String industry, String industries) {
    return UserException.of(at(source, line), "industry '" + industry + "' is not in " + industries,
        "use an ICIO industry code the map lists");
  }

  static UserException prefixTwice(String source, int line, String prefix) {
    return UserException.of(at(source, line), "prefix " + prefix + " is mapped twice",
        "map each HS prefix once (a longer prefix may refine a shorter one)");
  }
}
