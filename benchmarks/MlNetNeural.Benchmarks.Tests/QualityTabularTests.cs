using MlNetNeural.Benchmarks.Quality;
using MlNetNeural.Tabular;

namespace MlNetNeural.Benchmarks.Tests;

public class QualityTabularTests
{
    [Fact]
    public void QuickPathOnPenguinsRunsEveryNormalizerAndModelAndWritesTheReports()
    {
        using var folder = new TemporaryDirectory();
        string markdown = folder.File("quality.md");
        var output = new StringWriter();

        var summary = QualityBenchmark.Run(["--quick", "--tables", "penguins", "--out", markdown], output);

        Assert.Equal(["none", "minmax", "meanvar", "meanvar-centred"], summary.Normalizers);
        Assert.Equal(["mlp", "lightgbm", "fasttree", "linear"], summary.Models);
        Assert.Empty(summary.Failures);
        foreach (string normalizer in summary.Normalizers)
        {
            foreach (string model in summary.Models)
            {
                var cell = summary.Cell("penguins", normalizer, model)!;
                Assert.InRange(cell.Mean, 0, 1);
                Assert.True(cell.FitSeconds > 0);
            }
            // Trees do not care about scaling; on penguins they separate the species almost perfectly.
            Assert.True(summary.Cell("penguins", normalizer, "lightgbm")!.Mean > 0.9);
        }
        string[] csv = File.ReadAllLines(Path.ChangeExtension(markdown, ".csv"));
        Assert.Equal(QualityCsv.Header, csv[0]);
        Assert.Equal(1 + 4 * 4, csv.Length);
        string report = File.ReadAllText(markdown);
        Assert.Contains("| `NormalizeMeanVariance(fixZero: false)` |", report);
        Assert.Contains("| penguins | MulticlassClassification | 344 | 4 | 2 | 0 | 0 | 19 |", report);
        Assert.Contains("median gap", report);
        // Every classification fit records its log-loss; the Mlp's is in the results table.
        var mlpLogLoss = summary.LogLoss("penguins", "none", "mlp")!;
        Assert.Equal(1, mlpLogLoss.Known);
        Assert.InRange(mlpLogLoss.Mean, 0, 1);
        Assert.Contains($"| {mlpLogLoss.Mean.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)} ± 0.0000 |", report);
    }

    [Fact]
    public void LogLossesRoundTripThroughTheCsvAndInfiniteOnesAreCountedApart()
    {
        using var folder = new TemporaryDirectory();
        var results = new[]
        {
            new QualityResult("a", TabularTask.BinaryClassification, "none", "mlp", 1, 0.9, 1, 0.25),
            new QualityResult("a", TabularTask.BinaryClassification, "none", "mlp", 2, 0.8, 1, double.PositiveInfinity),
            new QualityResult("a", TabularTask.BinaryClassification, "none", "mlp", 3, 0.7, 1, 0.35),
            new QualityResult("b", TabularTask.Regression, "none", "mlp", 1, 2.5, 1, double.NaN),
            new QualityResult("a", TabularTask.BinaryClassification, "none", "lightgbm", 1, double.NaN, 1, double.NaN, "failed, \"badly\""),
        };
        string path = folder.File("results.csv");
        File.WriteAllText(path, QualityCsv.Write(results));

        var read = QualityCsv.Read(path);

        Assert.Equal(results, read);
        var facts = new[] { new QualityTableFacts("a", TabularTask.BinaryClassification, 10, 1, 0, 0, 0, 0, 1), new QualityTableFacts("b", TabularTask.Regression, 10, 1, 0, 0, 0, 0, 1) };
        var summary = new QualitySummary(facts, read);
        var logLoss = summary.LogLoss("a", "none", "mlp")!;
        Assert.Equal(0.3, logLoss.Mean, 9);
        Assert.Equal(Math.Sqrt(0.005), logLoss.StandardDeviation, 9);
        Assert.Equal(1, logLoss.Infinite);
        Assert.Equal(3, logLoss.Known);
        Assert.Null(summary.LogLoss("b", "none", "mlp"));
        Assert.Null(summary.LogLoss("a", "none", "lightgbm"));
        Assert.Contains("| 0.3000 ± 0.0707 (infinite in 1 of 3) |", QualityMarkdown.Write(summary, QualityOptions.Parse(["--normalizers", "none", "--models", "mlp,lightgbm"])));
    }

    [Fact]
    public void CsvFilesWrittenBeforeTheLogLossColumnStillReadWithoutOne()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("old.csv");
        File.WriteAllText(path, QualityCsv.HeaderWithoutLogLoss + "\na,BinaryClassification,none,lightgbm,1,AUC,0.9,1.5000,\na,BinaryClassification,none,mlp,2,AUC,NaN,0.5000,\"diverged\"\n");

        var read = QualityCsv.Read(path);

        Assert.Equal(new QualityResult("a", TabularTask.BinaryClassification, "none", "lightgbm", 1, 0.9, 1.5, double.NaN), read[0]);
        Assert.Equal("diverged", read[1].Error);
        Assert.True(double.IsNaN(read[1].LogLoss));
        File.WriteAllText(path, "table,metric\n");
        Assert.Throws<InvalidDataException>(() => QualityCsv.Read(path));
    }

    [Fact]
    public void GapsAndMediansFollowTheirDefinitions()
    {
        QualityTableFacts Facts(string name, TabularTask task, int categorical) => new(name, task, 100, 3, categorical, 0, 0, 0, 5);
        QualityResult R(string table, TabularTask task, string model, double metric, string? error = null) =>
            new(table, task, "none", model, 1, error is null ? metric : double.NaN, 1.5, double.NaN, error);
        var tables = new[]
        {
            Facts("a", TabularTask.BinaryClassification, 2),
            Facts("b", TabularTask.Regression, 0),
            Facts("c", TabularTask.MulticlassClassification, 1),
            Facts("d", TabularTask.BinaryClassification, 0),
        };
        var results = new[]
        {
            R("a", TabularTask.BinaryClassification, "mlp", 0.90), R("a", TabularTask.BinaryClassification, "lightgbm", 0.85),
            R("b", TabularTask.Regression, "mlp", 2.0), R("b", TabularTask.Regression, "lightgbm", 2.5),
            R("c", TabularTask.MulticlassClassification, "mlp", 0.7), R("c", TabularTask.MulticlassClassification, "lightgbm", 0.8),
            R("d", TabularTask.BinaryClassification, "mlp", 0, "diverged"), R("d", TabularTask.BinaryClassification, "lightgbm", 0.9),
        };
        var summary = new QualitySummary(tables, results);

        Assert.Equal(5, summary.Gap("a", "none")!.Value, 9);
        Assert.Equal(20, summary.Gap("b", "none")!.Value, 9);
        Assert.Equal(-10, summary.Gap("c", "none")!.Value, 9);
        Assert.Null(summary.Gap("d", "none"));
        Assert.Equal(5, summary.MedianGap("none").Median!.Value, 9);
        Assert.Equal(3, summary.MedianGap("none").Tables);
        Assert.Equal(-2.5, summary.MedianGap("none", textTablesOnly: true).Median!.Value, 9);
        Assert.Equal(4 * 1.5, summary.TotalFitSeconds("mlp"), 9);
        Assert.Equal(1, summary.Cell("d", "none", "mlp")!.Failures);
        Assert.Single(summary.Failures);
    }

    [Fact]
    public void StandardDeviationIsOverTheRepeats()
    {
        var facts = new[] { new QualityTableFacts("a", TabularTask.BinaryClassification, 10, 1, 0, 0, 0, 0, 1) };
        var results = new[] { 0.8, 0.9, 1.0 }.Select((m, i) => new QualityResult("a", TabularTask.BinaryClassification, "none", "mlp", i + 1, m, 1, double.NaN)).ToArray();
        var cell = new QualitySummary(facts, results).Cell("a", "none", "mlp")!;
        Assert.Equal(0.9, cell.Mean, 9);
        Assert.Equal(0.1, cell.StandardDeviation, 9);
    }

    [Fact]
    public void OptionsAreParsedAndUnknownNamesAreListed()
    {
        var quick = QualityOptions.Parse(["--quick", "--models", "mlp,linear"]);
        Assert.Equal(QualityTable.QuickNames, quick.Tables.Select(t => t.Name));
        Assert.Equal(1, quick.Repeats);
        Assert.Equal(["mlp", "linear"], quick.Models.Select(m => m.Name));
        Assert.Equal(14, QualityOptions.Parse([]).Tables.Count);
        Assert.Equal(5, QualityOptions.Parse(["--repeats", "5"]).Repeats);

        var unknown = Assert.Throws<ArgumentException>(() => QualityOptions.Parse(["--tables", "iris"]));
        Assert.Contains("Unknown table 'iris'", unknown.Message);
        Assert.Contains("penguins", unknown.Message);
        Assert.Throws<ArgumentException>(() => QualityOptions.Parse(["--repeats", "0"]));
        Assert.Throws<ArgumentException>(() => QualityOptions.Parse(["--normalizers"]));
        Assert.Throws<ArgumentException>(() => QualityOptions.Parse(["--fast"]));
    }

    [Fact]
    public void TablesOfOnesOwnRunAloneOrBesideTheChosenSuiteTables()
    {
        using var folder = new TemporaryDirectory();
        string heart = folder.File("heart.csv");
        File.WriteAllText(heart, "rownames,age,sex,disease\n1,50,m,yes\n");

        var alone = QualityOptions.Parse(["--table", $"heart,{heart},disease,rownames", "--repeats", "2"]);
        var table = Assert.Single(alone.Tables);
        Assert.Equal("heart", table.Name);
        Assert.Equal(Path.GetFullPath(heart), table.FilePath);
        Assert.Equal("disease", table.Label);
        Assert.Equal(["rownames"], table.Ignore);
        Assert.Equal(2, alone.Repeats);

        var beside = QualityOptions.Parse(["--table", $"heart,{heart},disease", "--tables", "penguins,wdbc"]);
        Assert.Equal(["penguins", "wdbc", "heart"], beside.Tables.Select(t => t.Name));
        Assert.Empty(beside.Tables[2].Ignore);
        Assert.Equal(["penguins", "credit_data", "concrete", "heart"], QualityOptions.Parse(["--quick", "--table", $"heart,{heart},disease"]).Tables.Select(t => t.Name));
    }

    [Fact]
    public void ATableOfOnesOwnIsReadFromItsPathAndItsIgnoredColumnsAreNotFeatures()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("own.csv");
        // "reading" is an ordinary numeric column (inference would keep it as a feature), so only --table's list ignores it.
        var rows = Enumerable.Range(0, 80).Select(i => (Row: i, X: i * 37 % 100 / 10.0)).Select(r => FormattableString.Invariant(
            $"{r.Row * 53 % 17 + 0.5},{r.X},{(r.Row % 2 == 0 ? "a" : "b")},{(r.X > 5 ? "yes" : "no")}"));
        File.WriteAllLines(path, ["reading,x,group,label", .. rows]);

        var summary = QualityBenchmark.Run(["--table", $"own,{path},label,reading", "--models", "linear", "--normalizers", "none", "--repeats", "1"], new StringWriter());

        var facts = Assert.Single(summary.Tables);
        Assert.Equal("own", facts.Name);
        Assert.Equal(1, facts.Numeric);
        Assert.Equal(1, facts.Ignored);
        Assert.Empty(summary.Failures);
        Assert.InRange(summary.Cell("own", "none", "linear")!.Mean, 0.9, 1);
    }

    [Theory]
    [InlineData("heart,{0}", "NAME,PATH,LABEL")]
    [InlineData("heart,,disease", "NAME,PATH,LABEL")]
    [InlineData("penguins,{0},disease", "name of a suite table")]
    [InlineData("heart,{0}.missing,disease", "does not exist")]
    public void AMalformedTableOfOnesOwnIsRefusedWithTheReason(string value, string reason)
    {
        using var folder = new TemporaryDirectory();
        string heart = folder.File("heart.csv");
        File.WriteAllText(heart, "age,disease\n50,yes\n");

        var refused = Assert.Throws<ArgumentException>(() => QualityOptions.Parse(["--table", string.Format(value, heart)]));

        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public void TwoTablesOfOnesOwnMayNotShareAName()
    {
        using var folder = new TemporaryDirectory();
        string heart = folder.File("heart.csv");
        File.WriteAllText(heart, "age,disease\n50,yes\n");

        var refused = Assert.Throws<ArgumentException>(() => QualityOptions.Parse(["--table", $"heart,{heart},disease", "--table", $"Heart,{heart},age"]));

        Assert.Contains("two tables are named 'Heart'", refused.Message);
    }

    [Theory]
    [InlineData(-0.04, "0.0")]
    [InlineData(1.25, "+1.3")]
    [InlineData(-3.21, "-3.2")]
    public void GapsPrintWithASign(double gap, string expected) => Assert.Equal(expected, QualityMarkdown.Signed(gap));

    [Fact]
    public void EverySuiteTableIsFound()
    {
        foreach (var table in QualityTable.Suite)
        {
            string path = RepositoryFiles.Find(table.FilePath);
            Assert.True(File.Exists(path), path);
        }
    }
}
