using Microsoft.ML;
using MlNetNeural.Cli.Display;
using MlNetNeural.Cli.Output;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Commands;

/// <summary>Everything a finished <c>mlnn train</c> knows, for the files it writes.</summary>
internal sealed record TrainRun
{
    public required TrainSettings Settings { get; init; }
    public required TableInference Inference { get; init; }

    /// <summary>Rows the MLP and LightGbm were fitted on.</summary>
    public required int TrainRowCount { get; init; }

    /// <summary>The typed test rows.</summary>
    public required IDataView TestRows { get; init; }

    /// <summary>The test rows scored by the model, with the converted label (<see cref="MlNetNeural.Tabular.TabularModel.ScoreWithLabel"/>), cached: the metric, the notes and the report all read them.</summary>
    public required IDataView ScoredTest { get; init; }
    public required int TestRowCount { get; init; }

    /// <summary>Where the test rows came from, in words.</summary>
    public required string TestDescription { get; init; }

    /// <summary>Test rows that are copies of training rows (<see cref="Output.TestRowCopies"/>).</summary>
    public required int TestRowCopies { get; init; }

    /// <summary>Says how many test rows are copies of training rows and what that does to the test metric; null when none are.</summary>
    public static string? CopiesNote(int copies, int testRows) => copies == 0 ? null
        : $"{copies:N0} of the {testRows:N0} test rows are copies of training rows (the same values in every column the model reads, and the same label): " +
          "the test metric overstates how the model does on rows it has not seen. Remove the duplicated records, or test on rows of their own";

    /// <summary>A test row as written in its file (table and 0-based row), for the example program.</summary>
    public required (CsvTable Table, int Row) ExampleRow { get; init; }

    public required TabularMlpResult Result { get; init; }
    public required double MlpMetric { get; init; }
    public required LightGbmReference LightGbm { get; init; }

    /// <summary>What a model that learned nothing scores on the test rows.</summary>
    public required ChanceLevel Chance { get; init; }
    public required double Seconds { get; init; }

    public TabularMetric Metric => Result.Search.Metric;

    /// <summary>Whether Ctrl+C ended the search.</summary>
    public bool Interrupted => Result.Search.StoppedBy == MlpSearchStop.Stopped;

    /// <summary>
    /// The <c>--trials</c> that repeat this model: the trials that ran to their end (a trial cut by the budget is not among
    /// them). When none did, the defaults were fitted (for the top rung's epochs, with the first candidate's seed); the first
    /// trial of every search is that same candidate at the top rung, so one trial repeats the model (chosen, or the defaults
    /// again should it fail), where <c>--trials 0</c> would be refused.
    /// </summary>
    public int ReproducibleTrialCount => Math.Max(1, Result.Search.Trials.Count(t => t.Outcome != MlpTrialOutcome.Cut));

    /// <summary>Whether the model is the defaults fitted because no trial of the search completed (not a choice of the search).</summary>
    public bool NoTrialCompleted => Result.Chosen.Outcome != MlpTrialOutcome.Completed;

    /// <summary>The MLP's name in the results table: "searched" only when the search chose it.</summary>
    public string MlpName => NoTrialCompleted ? "MLP (the defaults: no trial completed)" : "MLP (searched)";

    /// <summary>
    /// Why <see cref="ReproduceCommand"/> does not repeat this model exactly, or null when it does: when the time budget cut the
    /// first trial and the defaults were fitted for fewer epochs (<see cref="MlpSearchResult.DefaultsEpochs"/>), which no option of
    /// the command line sets (<c>--trials</c> trains them in full).
    /// </summary>
    public string? NotRepeatableReason => NotRepeatable(Result.Search.DefaultsEpochs);

    /// <summary>See <see cref="NotRepeatableReason"/>.</summary>
    internal static string? NotRepeatable(int? defaultsEpochs) => defaultsEpochs is { } epochs
        ? $"the time budget cut the defaults to {epochs} epochs, and --trials trains them in full"
        : null;

    /// <summary>The console's and the report's line on repeating the model: the command, or why none repeats it exactly and the closest.</summary>
    public string RepeatText => RepeatLine(ReproduceCommand, NotRepeatableReason);

    /// <summary>See <see cref="RepeatText"/>.</summary>
    internal static string RepeatLine(string command, string? notRepeatable) => notRepeatable is null
        ? $"To repeat this model exactly: {command}"
        : $"This model cannot be repeated exactly from the command line ({notRepeatable}); the closest: {command}";

    /// <summary>The command line that repeats this model exactly, on any machine: the same options with <c>--trials</c> instead of <c>--time</c> (the closest one where <see cref="NotRepeatableReason"/> says why none does).</summary>
    public string ReproduceCommand
    {
        get
        {
            var s = Settings;
            var words = new List<string> { "mlnn", "train", "--data", s.DataPath, "--label", s.Label };
            if (s.Task is { } task) words.AddRange(["--task", TrainSettings.TaskWord(task)]);
            if (s.PositiveClass is { } positive) words.AddRange(["--positive-class", positive]);
            words.AddRange(s.TestPath is { } test ? ["--test", test] : ["--test-fraction", s.TestFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            words.AddRange(["--trials", ReproducibleTrialCount.ToString(), "--seed", s.Seed.ToString()]);
            if (s.Folds is { } folds) words.AddRange(["--folds", folds.ToString()]);
            // The networks the model averages: a time budget may have held fewer than asked, and --trials alone keeps no time.
            if (s.Ensemble is not null || Result.EnsembleMembers != s.EnsembleSize) words.AddRange(["--ensemble", Result.EnsembleMembers.ToString()]);
            foreach (var (name, kind) in s.Columns) words.AddRange(["--column", $"{name}:{kind.ToString().ToLowerInvariant()}"]);
            if (!s.ColumnSelection) words.AddRange(["--column-selection", "off"]);
            if (!s.BalanceClasses) words.AddRange(["--balance-classes", "off"]);
            if (s.TextBits is { } bits) words.AddRange(["--text-bits", bits.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            return string.Join(" ", words.Select(Quote));
        }
    }

    /// <summary>The MLP against LightGbm in words, e.g. "the MLP is better by 1.7 points"; without a usable LightGbm model (it failed, or is a constant), why there is no comparison.</summary>
    public string Comparison => LightGbm.Metric is not { } reference ? $"the MLP is not compared with LightGbm, which gave no usable model: {LightGbm.Problem}"
        : Metric.Gain(MlpMetric, reference) is var gain && gain == 0 ? "the two are equal"
        : $"the MLP is {(gain > 0 ? "better" : "worse")} by {GainText(Math.Abs(gain))}";

    /// <summary>How far behind LightGbm the MLP may be before the run says why that may be: 5 points of AUC or accuracy, 10% of RMSE.</summary>
    private double FarBehind => Metric.HigherIsBetter ? 0.05 : 0.10;

    /// <summary>When LightGbm leads by more than <see cref="FarBehind"/>, a NOTE on the usual causes and what to do (<see cref="FarBehindAdvice"/>); null otherwise.</summary>
    public string? FarBehindNote => LightGbm.Metric is not { } reference || Metric.Gain(MlpMetric, reference) is var gain && gain >= -FarBehind ? null
        : $"NOTE LightGbm leads by {GainText(-gain)}. " + FarBehindAdvice(Inference.Label, Inference.Columns.Count(c => c.Kind != ColumnKind.Ignore), TrainRowCount);

    /// <summary>
    /// The usual causes of a large lead of trees over the MLP, with what to do. Classes with a handful of rows, where the label has
    /// them (<see cref="LabelDecision.RareClasses"/>): trees isolate a few rows with a split or two, while the MLP's smooth
    /// function seldom carves them out, and each such class weighs as much as any other in macro accuracy (the shuttle table:
    /// classes of 8, 8 and 33 rows among 32,000, macro accuracy 0.77 against LightGbm's 0.92). Always: an MLP does not ignore
    /// uninformative columns as readily as trees (Grinsztajn, Oyallon and Varoquaux 2022; a table of 600 columns of which 2
    /// matter: AUC 0.636 against 0.979, docs/cli.md "Limits").
    /// </summary>
    internal static string FarBehindAdvice(LabelDecision label, int featureColumns, int trainingRows)
    {
        string rare = label.RareClasses.Count == 0 ? "" :
            $"The label has classes with very few rows ({string.Join(", ", label.RareClasses.Take(6).Select(c => $"'{c}'"))}{(label.RareClasses.Count > 6 ? ", ..." : "")}): " +
            "trees isolate a handful of rows with a split or two, an MLP seldom does, and in macro accuracy each class weighs as much as any other; " +
            "merge such classes or leave their rows out if that suits the question. Also: ";
        return rare + $"an MLP does not ignore uninformative columns as readily as trees do ({featureColumns} feature columns, " +
               $"{trainingRows:N0} training rows here): choose the columns that matter (knowledge of the data, or a tree model's feature importances), " +
               "set the others to ignore (--column NAME:ignore) and train again; docs/cli.md, Limits.";
    }

    /// <summary>When the MLP's test metric is no better than <see cref="Chance"/>, a NOTE that says so (whatever LightGbm scored); null otherwise.</summary>
    public string? ChanceNote => !Chance.Covers(MlpMetric, Metric.HigherIsBetter) ? null
        : $"NOTE The MLP does no better than chance on the test rows: {Metric.DisplayName} {TrialText.Metric(Metric, MlpMetric)}, where {Chance.Guess} scores {Chance.Text}" +
          (LightGbm.Metric is { } reference ? $" (LightGbm: {TrialText.Metric(Metric, reference)}{(Chance.Covers(reference, Metric.HigherIsBetter) ? ", no better either" : "")})" : "") +
          ". The columns may not hold what decides the label, or the label may be noise: check the label and the column decisions.";

    /// <summary>When the chosen candidate weighs the classes equally, a NOTE on what that does to its probabilities and how to turn it off; null otherwise.</summary>
    public string? BalancedNote => BalancedClassesNote(Result.Chosen.Candidate);

    /// <summary>
    /// The NOTE for a candidate that balances the classes (<see cref="MlpCandidate.BalanceClasses"/>): each class weighs the same in
    /// its loss, so its probabilities lean toward the rarer classes, and the accuracy over all rows and the log-loss can be worse
    /// than always predicting the most common class (Affairs: micro accuracy 0.406 with class 0 at 75% of the rows); null for
    /// another candidate.
    /// </summary>
    public static string? BalancedClassesNote(MlpCandidate chosen) => !chosen.BalanceClasses ? null
        : "NOTE The chosen candidate weighs every class the same (\"balanced\"), as macro accuracy, the search's metric, does: its probabilities " +
          "lean toward the rarer classes, so its accuracy over all rows (micro accuracy) and its log-loss can be worse than always predicting the " +
          "most common class. For probabilities that follow the classes' shares, train again with --balance-classes off.";

    /// <summary>A gain as points (AUC, accuracy: difference × 100) or percent (RMSE: relative reduction × 100).</summary>
    public string GainText(double gain) => Metric.HigherIsBetter
        ? $"{gain * 100:0.0} points"
        : $"{gain * 100:0.0}% of LightGbm's {Metric.DisplayName}";

    private static string Quote(string word) => word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@%".Contains(c)) ? word : $"'{word.Replace("'", "'\\''")}'";
}
