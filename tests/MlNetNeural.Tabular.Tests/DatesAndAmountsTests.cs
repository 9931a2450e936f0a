using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tabular.Tests;

/// <summary>Date columns become days since 1970-01-01; amounts written with currency signs, percent signs or thousands groups are numbers; near-identifiers are left out.</summary>
public class DatesAndAmountsTests
{
    private static TableInference Infer(string text, Dictionary<string, ColumnKind>? overrides = null) =>
        TableInference.Infer(CsvTable.Parse(text, source: "t.csv"), new InferenceOptions
        {
            LabelColumnName = "y",
            ColumnOverrides = overrides ?? new Dictionary<string, ColumnKind>(),
        });

    private static ColumnDecision Column(TableInference inference, string name) => inference.Columns.Single(c => c.Name == name);

    // 40 rows of one date column written by `date` (row -> text) and a label.
    private static string Table(Func<int, string> date)
    {
        var text = new StringBuilder("when,y\n");
        for (int i = 0; i < 40; i++) text.Append(CultureInfo.InvariantCulture, $"{date(i)},{(i % 2 == 0 ? "a" : "b")}\n");
        return text.ToString();
    }

    private static readonly DateTime Start = new(2021, 3, 4, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("yyyy-MM-dd", DateLayout.YearMonthDay)]
    [InlineData("yyyy-MM-ddTHH:mm:ssZ", DateLayout.YearMonthDay)]
    [InlineData("yyyy/M/d H:mm", DateLayout.YearMonthDay)]
    [InlineData("M/d/yyyy h:mm tt", DateLayout.MonthDayYear)]
    [InlineData("dd.MM.yyyy", DateLayout.DayMonthYear)]
    [InlineData("d MMM yyyy", DateLayout.MonthName)]
    public void EachLayoutIsFoundAndReadAsDaysSince1970(string format, DateLayout layout)
    {
        // Every 3 days and 7 hours from 2021-03-04, so days above 12 tell day and month apart.
        var inference = Infer(Table(i => Start.AddHours(i * 79).ToString(format, CultureInfo.InvariantCulture)));
        var column = Column(inference, "when");
        Assert.Equal(ColumnKind.Date, column.Kind);
        Assert.Equal(layout, column.DateLayout);
        Assert.Contains("used as days since 1970-01-01", column.Reason);
        Assert.DoesNotContain("ambiguous", column.Reason);

        var view = TabularDataset.Create(inference).ToDataView();
        var days = view.GetColumn<float>("when").ToArray();
        bool hasTime = format.Contains('H') || format.Contains('h');
        for (int i = 0; i < days.Length; i++)
        {
            var expected = Start.AddHours(i * 79);
            if (!hasTime) expected = expected.Date;
            Assert.Equal((float)(expected - DateTime.UnixEpoch).TotalDays, days[i]);
        }
        Assert.Equal(18690f, days[0]);   // 2021-03-04: 51 years of 365 days, 13 leap days (1972-2020) and 62 days into 2021
    }

    [Fact]
    public void OffsetsAreConvertedToUtc()
    {
        Assert.True(DateParsing.TryParse("2021-03-04T12:00:00+06:00", DateLayout.YearMonthDay, out double days));
        Assert.Equal(18690.25, days, 9);
        Assert.False(DateParsing.TryParse("2021-13-04", DateLayout.YearMonthDay, out days));
        Assert.True(double.IsNaN(days));
    }

    [Theory]
    [InlineData("M/d/yyyy", DateLayout.MonthDayYear)]
    [InlineData("d.M.yyyy", DateLayout.DayMonthYear)]
    public void DayAndMonthThatCouldBeEitherWayRoundAreReadByTheSeparatorAndSaidToBeAmbiguous(string format, DateLayout layout)
    {
        // Only the first 12 days of each month: 1/2/2021 could be 2 January or 1 February.
        var column = Column(Infer(Table(i => new DateTime(2021, 1 + i % 12, 1 + i / 12).ToString(format, CultureInfo.InvariantCulture))), "when");
        Assert.Equal(layout, column.DateLayout);
        Assert.Contains("ambiguous", column.Reason);
    }

    [Theory]
    [InlineData("12-05")]      // a code, no four-digit year
    [InlineData("20210304")]   // a number
    [InlineData("2021-03")]    // a month, not a date
    public void ThingsThatAreNotDatesStayWhatTheyWere(string value)
    {
        var column = Column(Infer(Table(i => i % 2 == 0 ? value : value + "0")), "when");
        Assert.NotEqual(ColumnKind.Date, column.Kind);
    }

    [Fact]
    public void ADateColumnWithOneStrayTokenIsNotADateAndTheReasonNamesTheToken()
    {
        var column = Column(Infer(Table(i => i == 12 ? "unknown" : Start.AddDays(i % 20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), "when");
        Assert.NotEqual(ColumnKind.Date, column.Kind);
        Assert.Contains("NOTE 39 of 40 values are dates (year-month-day), but e.g. 'unknown' (line 14) is not: if it means missing, add it to CsvFormat.MissingTokens", column.Reason);
    }

    [Fact]
    public void MissingDatesAreMissingValues()
    {
        var inference = Infer(Table(i => i % 5 == 0 ? "" : Start.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.Equal(ColumnKind.Date, Column(inference, "when").Kind);
        Assert.Contains("8 missing", Column(inference, "when").Reason);
        var days = TabularDataset.Create(inference).ToDataView().GetColumn<float>("when").ToArray();
        Assert.True(float.IsNaN(days[0]) && days[1] == 18691f);
    }

    [Fact]
    public void ADateInAnotherLayoutInLaterDataNamesLineColumnAndValue()
    {
        var inference = Infer(Table(i => Start.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var later = CsvTable.Parse("when,y\n2021-05-01,a\n05/02/2021,b\n", source: "later.csv");
        var error = Assert.Throws<TabularDataException>(() => TabularDataset.Create(inference, later));
        Assert.Equal(TabularProblem.UnreadableDate, error.Problem);
        Assert.Contains("later.csv, line 3, column 'when': '05/02/2021' is not a date written year-month-day, the layout of the column's dates when the column decisions were made", error.Message);
        Assert.DoesNotContain("override", error.Message);
    }

    [Fact]
    public void OverridingAColumnToDateNeedsDatesAndNamesOneThatIsNot()
    {
        var text = Table(i => i == 7 ? "soon" : Start.AddDays(i % 20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(ColumnKind.Categorical, Column(Infer(text), "when").Kind);
        var error = Assert.Throws<TabularDataException>(() => Infer(text, new() { ["when"] = ColumnKind.Date }));
        Assert.Equal(TabularProblem.UnreadableDate, error.Problem);
        Assert.Contains("'soon', line 9", error.Message);

        var dates = Infer(Table(i => Start.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new() { ["when"] = ColumnKind.Date });
        Assert.True(Column(dates, "when").IsOverride);
        Assert.Equal(ColumnKind.Categorical, Column(Infer(Table(i => Start.AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new() { ["when"] = ColumnKind.Categorical }), "when").Kind);
        Assert.Equal(new KeyValuePair<string, ColumnKind>("when", ColumnKind.Date), InferenceOptions.ParseOverride("when:date"));
    }

    [Fact]
    public void SchemaJsonKeepsTheLayoutAndStaysFormat1WithoutDates()
    {
        var inference = Infer(Table(i => Start.AddDays(i * 13).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)));
        string json = inference.Schema.ToJson();
        Assert.Contains("\"format\": 2", json);
        var read = TabularSchema.FromJson(json);
        Assert.Equal(DateLayout.DayMonthYear, read.Columns.Single().DateLayout);

        string plain = Infer(Table(i => (i * 1.5).ToString(CultureInfo.InvariantCulture))).Schema.ToJson();
        Assert.Contains("\"format\": 1", plain);
        Assert.DoesNotContain("dateLayout", plain);
        var error = Assert.Throws<InvalidDataException>(() => TabularSchema.FromJson(json.Replace("\"dateLayout\": \"DayMonthYear\"", "\"dateLayout\": null"), "m.zip"));
        Assert.Contains("the date column 'when' has no date layout", error.Message);
    }

    [Fact]
    public void ADateTableTrainsAndTheDatesCarryTheSignal()
    {
        // The label is whether the row is from the later half of the period: only the date tells.
        var text = new StringBuilder("when,noise,y\n");
        var random = new Random(3);
        for (int i = 0; i < 300; i++)
        {
            int day = random.Next(1000);
            text.Append(CultureInfo.InvariantCulture, $"{Start.AddDays(day):yyyy-MM-dd},{random.NextDouble():F3},{(day > 500 ? "late" : "early")}\n");
        }
        var inference = Infer(text.ToString());
        var ml = new MLContext(seed: 1);
        var (train, test) = TabularDataset.Create(inference).TrainTestSplit(0.25, seed: 1);
        var featurizer = new TabularFeaturizer(ml, inference);
        var pipeline = featurizer.Build(train).Append(ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { EnsembleSize = 1, MaxEpochs = 60 }));
        var metrics = ml.BinaryClassification.Evaluate(pipeline.Fit(train).Transform(test));
        Assert.True(metrics.AreaUnderRocCurve > 0.95, $"AUC {metrics.AreaUnderRocCurve}");
    }

    [Theory]
    [InlineData("$1,234.50", '.', 1234.5)]
    [InlineData("1,234,567", '.', 1234567)]
    [InlineData("12.5%", '.', 12.5)]
    [InlineData("-€1,000", '.', -1000)]
    [InlineData("$-3.25", '.', -3.25)]
    [InlineData("1.234,5 €", ',', 1234.5)]
    [InlineData("1 234 567,25", ',', 1234567.25)]
    [InlineData("1.234", ',', 1234)]
    [InlineData("1,234", ',', 1.234)]
    [InlineData("£ 7", '.', 7)]
    public void AmountsAreNumbers(string text, char mark, double expected)
    {
        Assert.True((CsvFormat.Default with { DecimalMark = mark }).TryParseNumber(text, out double value), text);
        Assert.Equal(expected, value, 9);
    }

    [Theory]
    [InlineData("1,23", '.')]        // not a whole group of three
    [InlineData("12,34,567", '.')]   // groups of two (Indian grouping is not read)
    [InlineData(",123", '.')]
    [InlineData("1,234.", '.')]
    [InlineData("$", '.')]
    [InlineData("%", '.')]
    [InlineData("1.234,5", '.')]     // the other file's convention
    [InlineData("12 kg", '.')]
    [InlineData("A1,234", '.')]
    public void OtherTextIsNotANumber(string text, char mark) =>
        Assert.False((CsvFormat.Default with { DecimalMark = mark }).TryParseNumber(text, out _), text);

    [Fact]
    public void AGroupedAmountWithAFractionDecidesTheDecimalMark()
    {
        Assert.Equal(',', CsvSniffer.SniffText("size;price\n85;1.234,50\n90;2.000,00\n").DecimalMark);
        Assert.Equal('.', CsvSniffer.SniffText("size;price\n85;1,234.50\n90;2,000.00\n").DecimalMark);
    }

    [Fact]
    public void ALevelHeldByOneRowInMostRowsIsLeftOut()
    {
        var text = new StringBuilder("ticket,plan,y\n");
        for (int i = 0; i < 300; i++) text.Append(CultureInfo.InvariantCulture, $"T{(i % 4 == 0 ? 7 : i)},P{i % 150},{i % 2}\n");
        var inference = Infer(text.ToString());
        var ticket = Column(inference, "ticket");
        Assert.Equal(ColumnKind.Ignore, ticket.Kind);
        Assert.Contains("nearly an identifier, 225 levels and 74.67% of the rows hold a value no other row has", ticket.Reason);
        // Levels that repeat are kept (hashed past 100 levels), and an override brings the near-identifier back.
        Assert.Equal(CategoricalEncoding.Hashing, Column(inference, "plan").Encoding);
        var overridden = Infer(text.ToString(), new() { ["ticket"] = ColumnKind.Categorical });
        Assert.Equal(ColumnKind.Categorical, Column(overridden, "ticket").Kind);
    }
}
