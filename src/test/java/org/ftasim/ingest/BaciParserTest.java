package org.ftasim.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One BACI line at a time, without Spark: every field rule, every reject with its message, and exact numbers. */
class BaciParserTest {
  private static final BaciParser PARSER = new BaciParser(Map.of(410, "KOR", 392, "JPN", 490, "TWN", 842, "USA"),
      Set.of("010121", "854232", "870323"), 2022);

  private static ParsedLine parse(String line) {
    return PARSER.parse(line, new ParsedLine());
  }

  @Test
  void aFlowIsConvertedWithItsKeyInBacisSortOrder() {
    ParsedLine p = parse("2022,410,392,854232,1000.5,12.000");
    assertThat(p.reason).isNull();
    assertThat(p.year).isEqualTo(2022);
    assertThat(p.exporter).isEqualTo("KOR");
    assertThat(p.importer).isEqualTo("JPN");
    assertThat(p.hs6).isEqualTo("854232");
    assertThat(p.valueUsd).isEqualTo(1_000_500.0);
    assertThat(p.quantityT).isEqualTo(12.0);
    assertThat(p.repaired).isFalse();
    assertThat(parse("2022,410,392,870323,1,1").key).isGreaterThan(p.key);
    assertThat(parse("2022,410,842,10121,1,1").key).isGreaterThan(p.key);
    assertThat(parse("2022,490,392,10121,1,1").key).isGreaterThan(parse("2022,410,842,870323,1,1").key);
  }

  @Test
  void blanksAroundFieldsLostZerosAndPaddedNaAreHandled() {
    ParsedLine p = parse(" 2022 , 490,842 ,10121,  2.000 ,             NA");
    assertThat(p.reason).isNull();
    assertThat(p.exporter).isEqualTo("TWN");
    assertThat(p.hs6).isEqualTo("010121");
    assertThat(p.repaired).isTrue();
    assertThat(p.valueUsd).isEqualTo(2000.0);
    assertThat(p.quantityT).isNull();
    assertThat(parse("2022,410,392,854232,1,NAN").reason).isEqualTo(Reject.BAD_NUMBER);
    assertThat(parse("2022,410,392,854232,1,1e3").quantityT).isEqualTo(1000.0);
  }

  @Test
  void everyBadFieldIsARejectNamingTheValue() {
    assertReject("", Reject.BLANK_LINE, "the line is empty");
    assertReject("2022,410,392,854232,5.000", Reject.COLUMN_COUNT, "expected 6 columns t,i,j,k,v,q, found 5");
    assertReject("2022,410,392,854232,5.000,1,2", Reject.COLUMN_COUNT, "found 7");
    assertReject("22,410,392,854232,1,1", Reject.BAD_YEAR, "year t='22' is not a four-digit year");
    assertReject("1899,410,392,854232,1,1", Reject.BAD_YEAR, "year t=1899 is outside 1900-2100");
    assertReject("2021,410,392,854232,1,1", Reject.BAD_YEAR, "year t=2021 in a file for 2022");
    assertReject("2022,999,392,854232,1,1", Reject.UNKNOWN_COUNTRY, "exporter i='999' is not in the country list");
    assertReject("2022,410,41O,854232,1,1", Reject.UNKNOWN_COUNTRY, "importer j='41O' is not in the country list");
    assertReject("2022,410,39200,854232,1,1", Reject.UNKNOWN_COUNTRY, "importer j='39200'");
    assertReject("2022,410,392, 85A232,1,1", Reject.MALFORMED_HS, "product k=' 85A232' is not a six-digit HS code");
    assertReject("2022,410,392,8542,1,1", Reject.MALFORMED_HS, "product k='8542'");
    assertReject("2022,410,392,99999,1,1", Reject.UNKNOWN_HS, "product k=099999 is not in the release's product list");
    assertReject("2022,410,392,854232,abc,1", Reject.BAD_NUMBER, "value v='abc' is not a number");
    assertReject("2022,410,392,854232,,1", Reject.BAD_NUMBER, "value v='' is not a number");
    assertReject("2022,410,392,854232,1.2.3,1", Reject.BAD_NUMBER, "value v='1.2.3' is not a number");
    assertReject("2022,410,392,854232,-4.000,1", Reject.NEGATIVE_NUMBER, "value v=-4.000 is negative");
    assertReject("2022,410,392,854232,NaN,1", Reject.NOT_FINITE, "value v='NaN' is not finite");
    assertReject("2022,410,392,854232,1,Infinity", Reject.NOT_FINITE, "quantity q='Infinity' is not finite");
    assertReject("2022,410,392,854232,1,-0.5", Reject.NEGATIVE_NUMBER, "quantity q=-0.5 is negative");
  }

  /**
   * The direct reading of plain decimals must give Double.parseDouble's double, bit for bit: random decimals of 1 to
   * 18 digits (over 15 they take parseDouble's path) with every position of the point, and BACI-like values.
   */
  @Test
  void plainDecimalsAreReadExactlyAsParseDoubleReadsThem() {
    SplittableRandom random = new SplittableRandom(20221);
    for (int n = 0; n < 300_000; n++) {
      int digits = 1 + random.nextInt(18);
      StringBuilder s = new StringBuilder();
      for (int d = 0; d < digits; d++) {
        s.append((char) ('0' + random.nextInt(10)));
      }
      int point = random.nextInt(digits + 2) - 1;
      if (point >= 0) {
        s.insert(point, '.');
      }
      String text = s.toString();
      ParsedLine p = parse("2022,410,392,854232," + text + "," + text);
      assertThat(p.reason).as(text).isNull();
      assertThat(Double.doubleToRawLongBits(p.quantityT)).as(text)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
      assertThat(p.valueUsd).as(text).isEqualTo(Double.parseDouble(text) * 1000);
    }
    assertThat(parse("2022,410,392,854232,0.1,0.3").quantityT).isEqualTo(0.3);
    assertThat(parse("2022,410,392,854232,123456789.123,1").valueUsd).isEqualTo(123456789.123 * 1000);
  }

  private static void assertReject(String line, Reject reason, String message) {
    ParsedLine p = parse(line);
    assertThat(p.reason).as(line).isEqualTo(reason);
    assertThat(p.message).as(line).contains(message);
  }
}
