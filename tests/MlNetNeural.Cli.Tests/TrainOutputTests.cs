using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Tests;

/// <summary>What <c>mlnn train</c> writes: the four files, metrics.json's fields and values, the report's sections.</summary>
public class TrainOutputTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    [Fact]
    public void EveryRunWritesTheFourFiles()
    {
        foreach (string dir in models.Dirs)
        {
            foreach (string file in new[] { "model.zip", "report.html", "metrics.json", "Program.cs" })
                Assert.True(new FileInfo(Path.Combine(dir, file)) is { Exists: true, Length: > 100 }, $"{dir}/{file}");
        }
    }

    [Theory]
    [InlineData("binary", "binary", "outcome", "AUC", 240, 5)]
    [InlineData("houses", "regression", "price", "RMSE", 160, 5)]
    [InlineData("penguins", "multiclass", "species", "MacroAccuracy", 344, 7)]
    public void MetricsJsonHoldsTheAgreedFields(string dir, string task, string label, string metric, int rows, int columns)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(models.File(Path.Combine(dir, "metrics.json"))));
        var root = json.RootElement;
        Assert.Equal(task, root.GetProperty("task").GetString());
        Assert.Equal(label, root.GetProperty("label").GetString());
        Assert.Equal(metric, root.GetProperty("metric").GetString());
        Assert.Equal(rows, root.GetProperty("rows").GetInt32());
        Assert.Equal(columns, root.GetProperty("columns").GetInt32());
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        double mlp = root.GetProperty("mlp").GetDouble(), lightgbm = root.GetProperty("lightgbm").GetDouble();
        if (metric == "RMSE") Assert.True(mlp > 0 && lightgbm > 0);
        else Assert.True(mlp is > 0.5 and <= 1 && lightgbm is > 0.5 and <= 1, $"mlp {mlp}, lightgbm {lightgbm}");
        Assert.Equal(3, root.GetProperty("search").GetProperty("trials").GetInt32());
        Assert.Contains("--trials 3 --seed 1", root.GetProperty("reproduce").GetString());
        // The final fit is an ensemble of the search's default size, merged into the one network model.zip holds.
        var ensemble = root.GetProperty("ensemble");
        Assert.Equal(MlpSearchOptions.DefaultEnsembleSize, ensemble.GetProperty("size").GetInt32());
        Assert.Equal(MlpSearchOptions.DefaultEnsembleSize, ensemble.GetProperty("requested").GetInt32());
        Assert.Equal(MlpSearchOptions.DefaultEnsembleSize, ensemble.GetProperty("members").GetInt32());
        Assert.Equal(0, root.GetProperty("search").GetProperty("reservedSeconds").GetDouble());
        // The chosen trial's validation metric comes with its standard error (the spread over folds or parts of the hold-out).
        Assert.True(root.GetProperty("chosen").GetProperty("validationStandardError").GetDouble() >= 0);
        // Three trials: the defaults and the portfolio's two, none of which draws the embeddings' learning-rate factor.
        Assert.Equal(JsonValueKind.Null, root.GetProperty("chosen").GetProperty("embeddingLearningRateFactor").ValueKind);
        var model = TabularModel.Load(new MLContext(), models.File(Path.Combine(dir, "model.zip")));
        // The columns the saved model reads.
        Assert.Equal(model.Decisions.Features.Select(c => c.Name), root.GetProperty("chosen").GetProperty("featureColumns").EnumerateArray().Select(e => e.GetString()));
        var pipeline = (TransformerChain<ITransformer>)model.Pipeline;
        var saved = (MlNetNeural.Transformers.MlpPredictionTransformer)pipeline.LastTransformer;
        Assert.Equal(MlpSearchOptions.DefaultEnsembleSize, saved.Model.EnsembleMembers);
    }

    [Theory]
    [InlineData("binary", "5-fold stratified cross-validation of the ")]
    [InlineData("penguins", "5-fold stratified cross-validation of the ")]
    [InlineData("houses", "5-fold random cross-validation of the 160 training rows")]
    public void TheValidationIsCalledStratifiedOnlyForClassification(string dir, string validation)
    {
        // A regression label has no classes to stratify by: its folds are random (it was called stratified all the same).
        using var json = JsonDocument.Parse(File.ReadAllText(models.File(Path.Combine(dir, "metrics.json"))));
        Assert.StartsWith(validation, json.RootElement.GetProperty("search").GetProperty("validation").GetString());
    }

    [Fact]
    public void ThePositiveClassIsChosenWithAnOptionTheToolHasAndTheLabelLineNamesIt()
    {
        // The label line said "set PositiveClass to change", a C# property the command line cannot set.
        Assert.DoesNotContain("set PositiveClass", File.ReadAllText(Path.Combine(models.BinaryDir, "report.html")));
        Assert.Contains("positive class &#39;yes&#39; (the later in sort order; --positive-class CLASS to change)", File.ReadAllText(Path.Combine(models.BinaryDir, "report.html")));

        using var folder = new TestFolder();
        var run = CliRun.Of("train", "--data", models.BinaryData, "--label", "outcome", "--positive-class", "no", "--trials", "1", "--ensemble", "1", "--out", folder.File("no"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("positive class 'no' (set by --positive-class)", run.Output);
        Assert.Contains(" --positive-class no ", run.Output.Split('\n').Single(l => l.StartsWith("To repeat this model exactly:", StringComparison.Ordinal)));
        Assert.Equal("no", TabularModel.Load(new MLContext(), folder.File("no/model.zip")).Decisions.Label.PositiveClass);

        // A label that is not binary has no positive class: refused, not ignored.
        var multiclass = CliRun.Of("train", "--data", TestFolder.Data("tabular/penguins.csv"), "--label", "species", "--positive-class", "Adelie", "--trials", "1", "--out", folder.File("penguins"));
        Assert.True(multiclass.ExitCode == 1, multiclass.ToString());
        Assert.Contains("penguins.csv: the positive class 'Adelie' names one of the two classes of a binary label, but the label 'species' is multiclass classification", multiclass.Error);
        Assert.Contains("Leave the positive class out.", multiclass.Error);
    }

    [Fact]
    public void ABalancedChoiceIsExplainedAndBalancingCanBeTurnedOff()
    {
        // Affairs: a balanced candidate was chosen; its micro accuracy was 0.406 with the most common class at 75% of the rows, without a word.
        var defaults = MlpCandidate.DefaultsFor(TabularTask.MulticlassClassification);
        Assert.Null(Commands.TrainRun.BalancedClassesNote(defaults));
        string note = Commands.TrainRun.BalancedClassesNote(defaults with { BalanceClasses = true })!;
        Assert.StartsWith("NOTE The chosen candidate weighs every class the same (\"balanced\")", note);
        Assert.Contains("worse than always predicting the most common class", note);
        Assert.EndsWith("train again with --balance-classes off.", note);
        Assert.DoesNotContain("Balanced classes", File.ReadAllText(Path.Combine(models.MulticlassDir, "report.html")));   // the defaults were chosen

        // Off, no candidate balances the classes (the second, the portfolio's first, does when on), and the repeat command keeps it.
        using var folder = new TestFolder();
        static string Trial2(CliRun run) => run.Output.Split('\n').Single(l => l.StartsWith("  trial   2 ", StringComparison.Ordinal));
        string[] args = ["train", "--data", TestFolder.Data("tabular/penguins.csv"), "--label", "species", "--trials", "2", "--ensemble", "1"];
        var on = CliRun.Of([.. args, "--out", folder.File("on")]);
        var off = CliRun.Of([.. args, "--balance-classes", "off", "--out", folder.File("off")]);
        Assert.True(on.ExitCode == 0 && off.ExitCode == 0, on + "\n" + off);
        Assert.Contains(" balanced", Trial2(on));
        Assert.DoesNotContain("balanced", Trial2(off));
        Assert.EndsWith("--balance-classes off", off.Output.Split('\n').Single(l => l.StartsWith("To repeat this model exactly:", StringComparison.Ordinal)).TrimEnd());
    }

    [Fact]
    public void TextBitsWidenTheFreeTextSlotsAndTheRepeatCommandKeepsThem()
    {
        // Long texts lost to 512 slots (fake_news: test AUC 0.79 against 0.85 with 2 x 2^10, four seeds): --text-bits widens them.
        using var folder = new TestFolder();
        var random = new Random(5);
        var text = new System.Text.StringBuilder("a,note,y\n");
        for (int i = 0; i < 120; i++)
        {
            double a = random.NextDouble();
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{a:F3},\"visit {i} went {(a > 0.5 ? "well" : "badly")} today at the clinic\",{(a > 0.5 ? "yes" : "no")}\n");
        }
        string data = folder.File("notes.csv");
        File.WriteAllText(data, text.ToString());
        var wide = CliRun.Of("train", "--data", data, "--label", "y", "--trials", "1", "--ensemble", "1", "--text-bits", "10", "--out", folder.File("wide"));
        Assert.True(wide.ExitCode == 0, wide.ToString());
        Assert.Contains("hashed into 2048 slots", wide.Output.Split('\n').Single(l => l.TrimStart().StartsWith("note ", StringComparison.Ordinal)));
        Assert.EndsWith("--text-bits 10", wide.Output.Split('\n').Single(l => l.StartsWith("To repeat this model exactly:", StringComparison.Ordinal)).TrimEnd());

        var tooWide = CliRun.Of("train", "--data", data, "--label", "y", "--trials", "1", "--text-bits", "17", "--out", folder.File("too"));
        Assert.True(tooWide.ExitCode == 1, tooWide.ToString());
        Assert.Contains("TextHashingBits is 17; it must be 1 to 16", tooWide.Error);
    }

    [Fact]
    public void EnsembleOneFitsOneNetworkAndTheRepeatCommandKeepsIt()
    {
        using var folder = new TestFolder();
        var run = CliRun.Of("train", "--data", models.BinaryData, "--label", "outcome", "--trials", "1", "--ensemble", "1", "--out", folder.File("one"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Model: one network of the chosen candidate.", run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("one/metrics.json")));
        Assert.Equal(1, json.RootElement.GetProperty("ensemble").GetProperty("members").GetInt32());
        Assert.EndsWith("--ensemble 1", json.RootElement.GetProperty("reproduce").GetString());
    }

    [Fact]
    public void WhenNoTrialCompletesTheDefaultsAreNamedSoAndTheRepeatCommandRunsAndGivesTheSameModel()
    {
        // A budget that no trial fits in: the defaults are fitted. The repeat command said --trials 0, which the tool refuses.
        using var folder = new TestFolder();
        var cut = CliRun.Of("train", "--data", models.BinaryData, "--label", "outcome", "--time", "0.01", "--out", folder.File("cut"));
        Assert.True(cut.ExitCode == 0, cut.ToString());
        Assert.Contains("Chosen: the defaults (no trial completed", cut.Output);
        Assert.Contains("│ MLP (the defaults: no trial completed) │", cut.Output);
        Assert.DoesNotContain("MLP (searched)", cut.Output);
        const string repeatLine = "To repeat this model exactly: mlnn ";
        string repeat = cut.Output.Split('\n').Single(l => l.StartsWith(repeatLine, StringComparison.Ordinal)).TrimEnd()[repeatLine.Length..];
        Assert.Contains(" --trials 1 ", repeat);
        var again = CliRun.Of([.. repeat.Split(' '), "--out", folder.File("again")]);
        Assert.True(again.ExitCode == 0, again.ToString());
        double TestMetric(string dir)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(folder.File($"{dir}/metrics.json")));
            return json.RootElement.GetProperty("mlp").GetDouble();
        }
        Assert.Equal(TestMetric("cut"), TestMetric("again"));
    }

    [Fact]
    public void AnEnsembleOfFewerNetworksThanAskedForSaysOnceWhyAndMetricsJsonSaysTheSame()
    {
        static TabularMlpResult Fit(int size, int members, bool cutByBudget) => new(null!, null!, null!, null!, null!, null!, null!, null!, 16.6, size, members, cutByBudget);
        // storms: the search planned 2 of the 5, and the final fit's clock ended it after the first. It said both, in two
        // parentheses ("(2 asked for: ...) (5 asked for; ...)"); the clock decided the number.
        Assert.Equal("one network of the chosen candidate (5 asked for: the time budget ended the final fit after the first network: another would have ended more than 10% past it)",
            Display.TrialText.Ensemble(Fit(2, 1, cutByBudget: true), 5));
        Assert.Equal("an ensemble of 2 networks of the chosen candidate (its seed and 1 derived from it), merged into one network that averages them " +
                     "(5 asked for: the time budget held 2: one network took 8.3 s on every training row)", Display.TrialText.Ensemble(Fit(2, 2, cutByBudget: false), 5));
        Assert.Equal("an ensemble of 3 networks of the chosen candidate (its seed and 2 derived from it), merged into one network that averages them (5 asked for: Ctrl+C ended the final fit after 3 networks)",
            Display.TrialText.Ensemble(Fit(5, 3, cutByBudget: false), 5));
        Assert.Null(Display.TrialText.EnsembleShortfall(Fit(1, 1, cutByBudget: false), 1));

        // A budget no fit fits in: the final fit trains the first of five networks and stops.
        using var folder = new TestFolder();
        var run = CliRun.Of("train", "--data", models.BinaryData, "--label", "outcome", "--time", "0.01", "--out", folder.File("cut"));
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("cut/metrics.json")));
        var ensemble = json.RootElement.GetProperty("ensemble");
        Assert.Equal(1, ensemble.GetProperty("members").GetInt32());
        Assert.Equal(5, ensemble.GetProperty("requested").GetInt32());
        string shortfall = ensemble.GetProperty("shortfall").GetString()!;
        Assert.Contains($"Model: one network of the chosen candidate (5 asked for: {shortfall}).", run.Output);
        Assert.Single(run.Output.Split("asked for").Skip(1));
        using var full = JsonDocument.Parse(File.ReadAllText(Path.Combine(models.BinaryDir, "metrics.json")));
        Assert.Equal(JsonValueKind.Null, full.RootElement.GetProperty("ensemble").GetProperty("shortfall").ValueKind);
    }

    [Fact]
    public void ATableTooSmallForLightGbmStillGivesTheMlpAndSaysWhyLightGbmFailed()
    {
        // 12 rows, 10 to train on: LightGbm's default leaves need 20 rows each, so its trees cannot split and ML.NET throws
        // ArgumentNullException("items") (dotnet/machinelearning#5022). The MLP's run must not suffer from it.
        using var folder = new TestFolder();
        string data = folder.Write("tiny.csv", "a,y\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"{i},{(i > 5 ? 1 : 0)}\n")));
        var run = CliRun.Of("train", "--data", data, "--label", "y", "--trials", "1", "--ensemble", "1", "--out", folder.File("tiny"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("the MLP is not compared with LightGbm, which gave no usable model: its trees have no split (with default options each leaf needs 20 rows, so 10 training rows allow no split)", run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("tiny/metrics.json")));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("lightgbm").ValueKind);
        Assert.Contains("dotnet/machinelearning#5022", json.RootElement.GetProperty("lightgbmProblem").GetString());
        Assert.True(json.RootElement.GetProperty("mlp").GetDouble() > 0);
    }

    [Fact]
    public void ALightGbmModelWithoutASplitIsNoReferenceAndNotComparedWith()
    {
        // 45 rows, 36 to train on: too few for a split with LightGbm's default leaves, yet ML.NET fits a model (a constant: on
        // swiss, 38 rows, the MLP was "better by 47.1%" than it; on mtcars' 25 binary rows, "by 50.0 points" than its AUC 0.5).
        using var folder = new TestFolder();
        string data = folder.Write("small.csv", Tables.Regression(45, seed: 3));
        var run = CliRun.Of("train", "--data", data, "--label", "price", "--trials", "1", "--ensemble", "1", "--out", folder.File("small"));
        Assert.True(run.ExitCode == 0, run.ToString());
        const string why = "its trees have no split (with default options each leaf needs 20 rows, so 36 training rows allow no split), so its model gives every row the same score (a constant)";
        Assert.Contains($"On the test rows the MLP is not compared with LightGbm, which gave no usable model: {why}.", run.Output);
        Assert.DoesNotContain("better by", run.Output);
        Assert.DoesNotContain("worse by", run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(folder.File("small/metrics.json")));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("lightgbm").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("gain").ValueKind);
        Assert.Equal(why, json.RootElement.GetProperty("lightgbmProblem").GetString());
        Assert.Contains("a constant", File.ReadAllText(folder.File("small/report.html")));
    }

    [Fact]
    public void AnyOtherFailureOfLightGbmKeepsItsOwnMessage()
    {
        Assert.Equal("bad things", Output.LightGbmReference.Reason(new InvalidOperationException("bad\nthings"), 10, TabularTask.BinaryClassification));
        Assert.Equal("bad things (Parameter 'other')", Output.LightGbmReference.Reason(new ArgumentNullException("other", "bad things"), 10, TabularTask.BinaryClassification));
        Assert.StartsWith("its trees have no split (no column split the training rows)",
            Output.LightGbmReference.Reason(new ArgumentNullException("items"), 400, TabularTask.BinaryClassification));
        // ML.NET's multiclass LightGbm sets a smaller count of rows per leaf than 20 on small tables: the 20-row rule is not its cause.
        Assert.StartsWith("its trees have no split (no column split the training rows)",
            Output.LightGbmReference.Reason(new ArgumentNullException("items"), 30, TabularTask.MulticlassClassification));
    }

    [Fact]
    public void TestRowsThatAreCopiesOfTrainingRowsAreCounted()
    {
        // A test file equal to the training file: every test row was trained on (its AUC was 1 without a word).
        using var folder = new TestFolder();
        string data = folder.Write("t.csv", Tables.Binary(120));
        var same = CliRun.Of("train", "--data", data, "--label", "outcome", "--test", data, "--trials", "1", "--ensemble", "1", "--out", folder.File("same"));
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("NOTE 120 of the 120 test rows are copies of training rows (the same values in every column the model reads, and the same label)", same.Output);
        Assert.Contains("Test rows seen in training", File.ReadAllText(folder.File("same/report.html")));
        // The id column differs in each row and is ignored: records repeated under new ids are copies all the same.
        string[] lines = Tables.Binary(120).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string repeated = folder.Write("r.csv", string.Join('\n', lines.Concat(lines.Skip(1).Take(60).Select(l => "9" + l))) + "\n");
        var split = CliRun.Of("train", "--data", repeated, "--label", "outcome", "--trials", "1", "--ensemble", "1", "--out", folder.File("repeated"));
        Assert.True(split.ExitCode == 0, split.ToString());
        Assert.Matches(@"NOTE [1-9][0-9]* of the 36 test rows are copies of training rows", split.Output);
        foreach (string dir in models.Dirs) Assert.DoesNotContain("Test rows seen in training", File.ReadAllText(Path.Combine(dir, "report.html")));
        // Three coded columns: most rows repeat another by nature, not by a duplicated record; nothing is said.
        var random = new Random(5);
        string coded = folder.Write("coded.csv", "grade,sex,group,y\n" + string.Concat(Enumerable.Range(0, 200).Select(_ =>
        {
            int grade = random.Next(5), group = random.Next(3);
            return $"{grade},{(random.Next(2) == 0 ? "f" : "m")},{group},{(grade + group + random.Next(3) > 4 ? "yes" : "no")}\n";
        })));
        var codedRun = CliRun.Of("train", "--data", coded, "--label", "y", "--test", coded, "--trials", "1", "--ensemble", "1", "--out", folder.File("coded"));
        Assert.True(codedRun.ExitCode == 0, codedRun.ToString());
        Assert.DoesNotContain("copies of training rows", codedRun.Output);
    }

    [Fact]
    public void TestRowsWithALevelNoTrainingRowHadAreNamedAsEvaluateNamesThem()
    {
        using var folder = new TestFolder();
        string data = folder.Write("t.csv", Tables.Binary(120));
        string test = folder.Write("test.csv", Tables.Binary(40, seed: 9).Replace("\"pro\"", "\"enterprise\"", StringComparison.Ordinal));
        var run = CliRun.Of("train", "--data", data, "--label", "outcome", "--test", test, "--trials", "1", "--ensemble", "1", "--out", folder.File("out"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"NOTE plan: [0-9]+ rows have a level no training row had \('enterprise'\): the model reads it as none of its levels\.", run.Output);
    }

    [Fact]
    public void ALabelTheColumnsDoNotPredictIsCalledNoBetterThanChance()
    {
        // The label is drawn independently of the columns: whatever the two models score is chance.
        using var folder = new TestFolder();
        var random = new Random(4);
        string data = folder.Write("noise.csv", "a,b,y\n" + string.Concat(Enumerable.Range(0, 400).Select(_ =>
            FormattableString.Invariant($"{random.NextDouble():F4},{random.NextDouble():F4},{(random.Next(2) == 0 ? "yes" : "no")}\n"))));
        var run = CliRun.Of("train", "--data", data, "--label", "y", "--trials", "1", "--ensemble", "1", "--out", folder.File("noise"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"NOTE The MLP does no better than chance on the test rows: AUC 0\.[0-9]+, where a score unrelated to the label scores 0\.5 ± 0\.1[0-9]+ \(LightGbm: ", run.Output);
        Assert.Contains("NOTE The MLP does no better than chance", File.ReadAllText(folder.File("noise/report.html")));
        // A label the columns decide: no such note.
        foreach (string dir in models.Dirs) Assert.DoesNotContain("no better than chance", File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void AFarLeadOfLightGbmIsExplainedAndAnOrdinaryOneIsNot()
    {
        // 300 rows of 300 uniform columns, of which two decide the label: trees find them, the MLP's defaults (the one
        // trial here) drown in the rest.
        using var folder = new TestFolder();
        string data = folder.File("wide.csv");
        File.WriteAllText(data, Tables.Wide());
        var run = CliRun.Of("train", "--data", data, "--label", "y", "--trials", "1", "--ensemble", "1", "--out", folder.File("wide"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("NOTE LightGbm leads by", run.Output);
        Assert.Contains("(300 feature columns, 240 training rows here)", run.Output);
        Assert.Contains("NOTE LightGbm leads by", File.ReadAllText(folder.File("wide/report.html")));
        // The small tables of the other tests are within a few points: no such note.
        Assert.DoesNotContain("NOTE LightGbm leads", File.ReadAllText(Path.Combine(models.BinaryDir, "report.html")));
    }

    [Fact]
    public void OnAWideTableTheSecondTrialReadsTheInformativeColumnsUnlessSelectionIsOff()
    {
        using var folder = new TestFolder();
        string data = folder.File("wide.csv");
        File.WriteAllText(data, Tables.Wide());
        IReadOnlyList<string?> Kept(string dir)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(folder.File($"{dir}/metrics.json")));
            return [.. json.RootElement.GetProperty("chosen").GetProperty("featureColumns").EnumerateArray().Select(e => e.GetString())];
        }

        var on = CliRun.Of("train", "--data", data, "--label", "y", "--trials", "2", "--ensemble", "1", "--out", folder.File("on"));
        Assert.True(on.ExitCode == 0, on.ToString());
        Assert.Contains("Columns: the MLP reads the ", on.Output);
        var kept = Kept("on");
        Assert.Contains("c0", kept);
        Assert.Contains("c1", kept);
        Assert.True(kept.Count < 10, $"{kept.Count} columns kept: {string.Join(", ", kept)}");
        Assert.DoesNotContain("NOTE LightGbm leads", on.Output);
        Assert.Contains("ignored by the search: not among the", File.ReadAllText(folder.File("on/report.html")));
        Assert.Contains($"    [ColumnName(\"c0\")]", File.ReadAllText(folder.File("on/Program.cs")));
        Assert.DoesNotContain("[ColumnName(\"c299\")]", File.ReadAllText(folder.File("on/Program.cs")));

        var off = CliRun.Of("train", "--data", data, "--label", "y", "--trials", "2", "--ensemble", "1", "--column-selection", "off", "--out", folder.File("off"));
        Assert.True(off.ExitCode == 0, off.ToString());
        Assert.DoesNotContain("Columns: the MLP reads the ", off.Output);
        Assert.Equal(300, Kept("off").Count);
        Assert.EndsWith("--column-selection off", off.Output.Split('\n').Single(l => l.StartsWith("To repeat this model exactly:")).TrimEnd());
    }

    [Fact]
    public void TheMlpValueIsTheSavedModelsMetricOnTheTestFile()
    {
        // The regression model was tested on --test houses-test.csv: evaluating the saved model there gives metrics.json's value.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(models.RegressionDir, "metrics.json")));
        var ml = new MLContext();
        var model = TabularModel.Load(ml, Path.Combine(models.RegressionDir, "model.zip"));
        var test = model.Read(CsvTable.Read(models.RegressionTest), requireLabel: true).ToDataView();
        Assert.Equal(json.RootElement.GetProperty("mlp").GetDouble(), TabularMetric.Rmse.Evaluate(ml, model.ScoreWithLabel(ml, test)));
        Assert.Equal(40, json.RootElement.GetProperty("testRows").GetInt32());
    }

    [Fact]
    public void TheReportHasMetricsModelCardLightGbmColumnDecisionsAndSearchHistory()
    {
        string html = File.ReadAllText(Path.Combine(models.BinaryDir, "report.html"));
        Assert.Contains("data-metric=\"auc\"", html);
        Assert.Contains("<h2>Model card</h2>", html);
        Assert.Contains("LightGbm, default options, same training and test rows", html);
        Assert.Contains("<h3>Column decisions</h3>", html);
        Assert.Contains("ignored: identifier", html);      // the id column, with its reason
        Assert.Contains("<h3>Search history</h3>", html);
        Assert.Contains($"as an ensemble of {MlpSearchOptions.DefaultEnsembleSize} networks of the chosen candidate", html);
        Assert.Contains("chosen", html);
        Assert.Contains("data-plot=\"feature-importance\"", html);
        Assert.Contains("bill length (mm)", html);
        Assert.Matches("Permutation importance</th><td>on all [0-9]+ test rows, [0-9]+ feature slots, one permutation each", html);
    }

    [Fact]
    public void TheReportExplainsTheFirstTestRowsDecisionsWithTheirPrincipalReasons()
    {
        // The houses model was tested on --test houses-test.csv, so its test rows are that file's rows in order.
        string html = File.ReadAllText(Path.Combine(models.RegressionDir, "report.html"));
        var ml = new MLContext(seed: 1);
        var model = TabularModel.Load(ml, Path.Combine(models.RegressionDir, "model.zip"));
        var scores = model.Pipeline.Transform(model.ReadForPrediction(CsvTable.Read(models.RegressionTest)).ToDataView()).GetColumn<float>("Score").Take(3).ToArray();

        Assert.Contains("<section id=\"explained-cases\">", html);
        for (int row = 0; row < 3; row++)
        {
            Assert.Contains($"Test row {row + 1} of 40", html);
            Assert.Contains($"predicted price {scores[row].ToString("G6", System.Globalization.CultureInfo.InvariantCulture)} (", html);
        }
        Assert.DoesNotContain("Test row 4 of", html);
        Assert.Equal(3, html.Split("data-plot=\"test-row-").Length - 1);
        Assert.Contains("Numeric.size", html);      // reasons are named by feature slot, the column's own prefix left out
        Assert.DoesNotContain("Features.Numeric.size", html);
    }

    [Fact]
    public void TheConsoleShowsDecisionsTrialsAndTheComparison()
    {
        using var folder = new TestFolder();
        var run = CliRun.Of("train", "--data", models.BinaryData, "--label", "outcome", "--trials", "2", "--out", folder.File("out"));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("label outcome: binary classification (inferred)", run.Output);
        Assert.Contains("ignored: identifier", run.Output);
        Assert.Contains($"trial   1  candidate   1  rung 2 ({new Trainers.MlpBinaryTrainer.Options().MaxEpochs} epochs)", run.Output);
        Assert.Contains("trial   2  candidate   2  rung 0", run.Output);
        Assert.Contains("LightGbm (default options)", run.Output);
        Assert.Contains("To repeat this model exactly: mlnn train", run.Output);
        Assert.False(run.Output.Contains('\u001b', StringComparison.Ordinal), "no terminal codes in redirected output");
    }
}
