using System.Diagnostics;
using Microsoft.ML;
using MlNetNeural.Cli.CommandLine;
using MlNetNeural.Cli.Display;
using MlNetNeural.Cli.Output;
using MlNetNeural.Tabular;
using Spectre.Console;

namespace MlNetNeural.Cli.Commands;

/// <summary><c>mlnn train</c>: read, infer, split, search, fit, test against LightGbm, write the four files.</summary>
internal sealed class TrainCommand : ICliCommand
{
    public string Name => "train";

    public string Summary => "build a model from a CSV: column inference, MLP search within a budget, LightGbm reference, report";

    public string Usage => TrainSettings.Usage;

    public int Run(IReadOnlyList<string> args, CliEnvironment environment)
    {
        var settings = TrainSettings.Parse(args);
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed: settings.Seed);

        environment.Line($"Reading {settings.DataPath}");
        var table = CsvTable.Read(settings.DataPath);
        var inference = TableInference.Infer(table, settings.InferenceOptions);
        environment.Line(LabelReasons.ForCommandLine(inference.Describe().TrimEnd()));
        var data = TabularDataset.Create(inference);

        var (trainPositions, testRows, testCount, testDescription, example, copies) = Split(settings, inference, data);
        environment.Line($"Rows: {trainPositions.Count:N0} to train on, {testCount:N0} to test on ({testDescription}).");
        if (TrainRun.CopiesNote(copies, testCount) is { } copiesNote) environment.Line($"NOTE {copiesNote}");
        TrainingOutputs.PrepareFolder(settings.OutDirectory);

        var metric = TabularMetric.For(inference.Label.Task);
        var result = new SearchDisplay(environment, metric, settings.BudgetText).Show(progress => TabularMlp.Fit(ml, inference, data, trainPositions,
            new MlpSearchOptions
            {
                TimeBudget = settings.Seconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                MaxTrials = settings.Trials,
                Seed = settings.Seed,
                ValidationFolds = settings.Folds,
                EnsembleSize = settings.EnsembleSize,
                Space = settings.Space,
                Stop = environment.StopSearch,
                Progress = progress,
            }, environment.StopFinalFit));
        WriteSearchSummary(environment, inference, result, settings.EnsembleSize);

        environment.Line("Testing the MLP, and LightGbm with default options fitted on the same rows...");
        var scoredTest = ml.Data.Cache(result.Model.ScoreWithLabel(ml, testRows)); // read by the metric, the notes and the report
        UnfamiliarValueNotes.Write(environment, result.Model.Decisions, scoredTest);
        double mlp = metric.Evaluate(ml, scoredTest);
        var lightGbm = LightGbmReference.Evaluate(ml, result, testRows, trainPositions.Count);
        var run = new TrainRun
        {
            Settings = settings, Inference = inference, TrainRowCount = trainPositions.Count, TestRows = testRows, ScoredTest = scoredTest, TestRowCount = testCount,
            TestDescription = testDescription, TestRowCopies = copies, ExampleRow = example, Result = result, MlpMetric = mlp, LightGbm = lightGbm,
            Chance = ChanceLevel.Of(inference.Label.Task, scoredTest, result.TrainingFeatures),
            Seconds = clock.Elapsed.TotalSeconds,
        };
        var files = TrainingOutputs.Write(ml, run);
        WriteResult(environment, run, files, clock.Elapsed.TotalSeconds);
        return ExitCodes.Success;
    }

    private static (IReadOnlyList<int> Train, IDataView Test, int TestCount, string Description, (CsvTable, int) Example, int Copies) Split(
        TrainSettings settings, TableInference inference, TabularDataset data)
    {
        if (settings.TestPath is { } testPath)
        {
            var testData = TabularDataset.Create(inference, CsvTable.Read(testPath));
            if (testData.RowCount == 0)
                throw new CliInputException($"{testPath} has no row with a label '{inference.Label.Name}': there is nothing to test on.");
            RequireBothClasses(testData, [.. Enumerable.Range(0, testData.RowCount)], $"{testPath}, the test file,", "Give a test file with rows of both classes");
            int[] all = [.. Enumerable.Range(0, data.RowCount)], tested = [.. Enumerable.Range(0, testData.RowCount)];
            return (all, testData.ToDataView(), testData.RowCount, $"the rows of {testPath}",
                (testData.Table, testData.TableRowOf(0)), TestRowCopies.Count(data, all, testData, tested));
        }
        var (train, test) = data.SplitPositions(settings.TestFraction, settings.Seed);
        if (test.Length == 0 || train.Length == 0)
            throw new CliInputException($"{settings.DataPath} has {data.RowCount} rows with a label: too few to hold out {settings.TestFraction * 100:0.#}% for testing. Add rows, or give a --test file.");
        RequireBothClasses(data, test, $"the {settings.TestFraction * 100:0.#}% of {settings.DataPath} held out for testing", "Add rows of that class (2 or more are needed, one for each part), or give a --test file");
        string stratified = inference.Label.Task == TabularTask.Regression ? "random" : "stratified by class";
        return (train, data.ToDataView(test), test.Length, $"{settings.TestFraction * 100:0.#}% of the rows held out, {stratified}, seed {settings.Seed}",
            (data.Table, data.TableRowOf(test[0])), TestRowCopies.Count(data, train, data, test));
    }

    /// <summary>AUC, the binary test metric, needs rows of both classes: refuses a test part without them, before the search.</summary>
    private static void RequireBothClasses(TabularDataset data, IReadOnlyList<int> positions, string part, string advice)
    {
        if (data.RarerBinaryClass(positions) is not (var missing, 0)) return;
        throw new CliInputException($"{part} holds no row of the class '{missing}', so AUC cannot be measured on it. {advice}.");
    }

    private static void WriteSearchSummary(CliEnvironment environment, TableInference inference, TabularMlpResult result, int requestedEnsembleSize)
    {
        var search = result.Search;
        int completed = search.Trials.Count(t => t.Outcome == MlpTrialOutcome.Completed);
        environment.Line($"Search: {search.Trials.Count} trials ({completed} completed) in {search.Seconds:0.0} s, ended by {TrialText.Stop(search.StoppedBy)}{TrialText.Reserve(search)}; validation: {search.Validation}; rungs of {string.Join(", ", search.RungEpochs)} epochs.");
        environment.Line(result.Chosen.Outcome == MlpTrialOutcome.Completed
            ? $"Chosen: trial {result.Chosen.Number} ({search.Metric.DisplayName} {TrialText.MetricWithError(search.Metric, result.Chosen)}, {TrialText.Rung(result.Chosen)}): {result.Chosen.Candidate}"
            : $"Chosen: the defaults ({result.Chosen.Message}).");
        if (result.Chosen.Candidate.TopColumns is { } top)
        {
            var kept = result.Model.Decisions.RankableFeatures.Select(c => c.Name).ToList();
            environment.Line($"Columns: the MLP reads the {top} of {inference.Schema.RankableFeatures.Count} numeric, date and categorical columns most informative about the label " +
                             $"on the training rows ({string.Join(", ", kept.Take(10))}{(kept.Count > 10 ? ", ..." : "")}); the others are ignored (report.html lists them).");
        }
        environment.Line($"Model: {TrialText.Ensemble(result, requestedEnsembleSize)}.");
    }

    private static void WriteResult(CliEnvironment environment, TrainRun run, IReadOnlyList<string> files, double seconds)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("model", $"test {run.Metric.DisplayName} ({run.TestRowCount:N0} rows)", "fit seconds");
        table.AddRow(run.MlpName, TrialText.Metric(run.Metric, run.MlpMetric), $"{run.Result.Search.Seconds + run.Result.FinalFitSeconds:0.0}");
        table.AddRow("LightGbm (default options)", run.LightGbm.Metric is { } m ? TrialText.Metric(run.Metric, m) : "no usable model", $"{run.LightGbm.Seconds:0.0}");
        environment.Console.Write(table);
        environment.Line($"On the test rows {run.Comparison}.");
        if (run.FarBehindNote is { } note) environment.Line(note);
        if (run.ChanceNote is { } chance) environment.Line(chance);
        if (run.BalancedNote is { } balanced) environment.Line(balanced);
        environment.Line($"Wrote {string.Join(", ", files)} ({seconds:0.0} s in all).");
        environment.Line(run.RepeatText);
    }
}
